// Turns the local runner's command line into the environment variables the proxy reads
// (flags win over variables already set), and a deployment JSON (deploy/lib/devchain.mjs) into
// the chain id and contract address it serves.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const flagToVariable = {
  'rpc-url': 'AUTOMATOR_RPC_URL',
  'chain-id': 'AUTOMATOR_CHAIN_ID',
  contracts: 'AUTOMATOR_CONTRACTS',
  keystore: 'AUTOMATOR_KEYSTORE',
  'keystore-password-file': 'AUTOMATOR_KEYSTORE_PASSWORD_FILE',
  'key-file': 'AUTOMATOR_KEY_FILE',
  'target-timeout-ms': 'AUTOMATOR_TARGET_TIMEOUT_MS',
  'rpc-timeout-ms': 'AUTOMATOR_RPC_TIMEOUT_MS',
  'max-response-bytes': 'AUTOMATOR_MAX_RESPONSE_BYTES',
  'task-cache-ms': 'AUTOMATOR_TASK_CACHE_MS',
  'dns-servers': 'AUTOMATOR_DNS_SERVERS',
};
const booleanFlags = {
  'allow-loopback': 'AUTOMATOR_ALLOW_LOOPBACK',
  'allow-private': 'AUTOMATOR_ALLOW_PRIVATE',
  'require-target-opt-in': 'AUTOMATOR_REQUIRE_TARGET_OPT_IN',
};

export const usage = `usage: node proxy/serve.js [--deployment FILE | --chain-id N --contracts ADDR[,ADDR]] --rpc-url URL
       (--keystore FILE --keystore-password-file FILE | --key-file FILE) [--allow-loopback] [--allow-private]
       [--require-target-opt-in]
       [--port N] [--host ADDR] [--target-timeout-ms N] [--rpc-timeout-ms N] [--max-response-bytes N]
       [--task-cache-ms N] [--dns-servers HOST[:PORT],...] [--workers N]
       [--clock-offset-ms N]   (devnets and benches whose chain runs ahead of the wall clock)
Every flag has an AUTOMATOR_* environment variable (proxy/README.md); the keystore password may
also come from AUTOMATOR_KEYSTORE_PASSWORD.`;

/**
 * @param {string[]} argv
 * @param {Record<string, string | undefined>} baseEnv
 * @returns {{env: Record<string, string | undefined>, port: number, host: string, workers: number, clockOffsetMs: number, help: boolean}}
 */
export function runnerEnv(argv, baseEnv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(Object.keys(flagToVariable).map((flag) => [flag, { type: 'string' }])),
      ...Object.fromEntries(Object.keys(booleanFlags).map((flag) => [flag, { type: 'boolean' }])),
      deployment: { type: 'string' },
      port: { type: 'string', default: baseEnv.PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      workers: { type: 'string', default: '1' },
      'clock-offset-ms': { type: 'string', default: '0' },
      help: { type: 'boolean', default: false },
    },
  });
  const env = { ...baseEnv };
  const deploymentPath = values.deployment ?? baseEnv.AUTOMATOR_DEPLOYMENT;
  if (deploymentPath) Object.assign(env, deploymentVariables(deploymentPath));
  for (const [flag, variable] of Object.entries(flagToVariable)) if (values[flag] !== undefined) env[variable] = values[flag];
  for (const [flag, variable] of Object.entries(booleanFlags)) if (values[flag]) env[variable] = '1';
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got ${values.port}`);
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`--workers must be an integer in [1, 64], got ${values.workers}`);
  const clockOffsetMs = Number(values['clock-offset-ms']);
  if (!Number.isSafeInteger(clockOffsetMs)) throw new Error(`--clock-offset-ms must be an integer, got ${values['clock-offset-ms']}`);
  return { env, port, host: values.host, workers, clockOffsetMs, help: values.help };
}

function deploymentVariables(path) {
  let deployment;
  try {
    deployment = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`deployment ${path}: ${error.message}`);
  }
  if (!deployment.chainId || !deployment.automator) throw new Error(`deployment ${path}: needs chainId and automator`);
  return { AUTOMATOR_CHAIN_ID: String(deployment.chainId), AUTOMATOR_CONTRACTS: deployment.automator };
}
