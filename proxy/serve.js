#!/usr/bin/env node
// The local runner: serves the proxy's Fleek function over HTTP for the devnet, the tests and
// self-hosted operation (`node proxy/serve.js --help`). With --workers N, N processes share the
// port (node:cluster), because signing is CPU-bound. Stops cleanly on SIGINT/SIGTERM.

import cluster from 'node:cluster';
import { handlerFromEnv } from './src/handlerFromEnv.js';
import { runnerEnv, usage } from './runner/env.js';
import { startFunctionServer } from './runner/server.js';

async function serve({ env, port, host, clockOffsetMs }) {
  const now = () => Date.now() + clockOffsetMs;
  const { config, signer, handle } = handlerFromEnv(env, { now });
  const server = await startFunctionServer({ handle, maxRequestBytes: config.maxRequestBytes, port, host });
  console.log(`proxy: serving ${server.url} signer=${signer.address} chain=${config.chainId} contracts=${config.contracts.join(',')} pid=${process.pid}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// A worker that dies unexpectedly is replaced, so one bad request (or a bug) costs at most that
// worker's requests in flight, not the whole proxy; a worker that keeps dying (more than
// `maxRestarts` within `restartWindowMs`) stops the supervisor instead of looping.
const maxRestarts = 10;
const restartWindowMs = 60_000;

/** Forks the workers, replaces one that dies, passes a stop signal on, and exits once they all have. */
function superviseWorkers(count) {
  for (let i = 0; i < count; i++) cluster.fork();
  let stopping = false;
  let failed = false;
  const restarts = [];
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      const now = Date.now();
      restarts.push(now);
      while (restarts[0] < now - restartWindowMs) restarts.shift();
      if (restarts.length > maxRestarts) {
        failed = true;
        console.error(`proxy: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}), the ${restarts.length}th time within ${restartWindowMs / 1000} s; stopping`);
        stop();
      } else {
        console.error(`proxy: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
        cluster.fork();
      }
    }
    if (Object.keys(cluster.workers).length === 0) process.exit(failed ? 1 : 0);
  });
}

try {
  const options = runnerEnv(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(usage);
    process.exit(0);
  }
  if (options.workers > 1 && cluster.isPrimary) superviseWorkers(options.workers);
  else await serve(options);
} catch (error) {
  console.error(`proxy: ${error.message}\n${usage}`);
  process.exit(2);
}
