#!/usr/bin/env node
// The local runner: serves the proxy's Fleek function over HTTP for the devnet, the tests and
// self-hosted operation (`node proxy/serve.js --help`). Stops cleanly on SIGINT/SIGTERM.

import { handlerFromEnv } from './src/handlerFromEnv.js';
import { runnerEnv, usage } from './runner/env.js';
import { startFunctionServer } from './runner/server.js';

try {
  const { env, port, host, help } = runnerEnv(process.argv.slice(2), process.env);
  if (help) {
    console.log(usage);
    process.exit(0);
  }
  const { config, signer, handle } = handlerFromEnv(env);
  const server = await startFunctionServer({ handle, maxRequestBytes: config.maxRequestBytes, port, host });
  console.log(`proxy: serving ${server.url} signer=${signer.address} chain=${config.chainId} contracts=${config.contracts.join(',')}`);
  const stop = async (signal) => {
    console.log(`proxy: ${signal}, finishing requests in flight`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`proxy: ${error.message}\n${usage}`);
  process.exit(2);
}
