// Command line of the devnet (deploy/devnet.sh runs it after installing and building): starts
// everything, prints where to look, and on Ctrl-C stops it all, keeping the state folder.
//   node deploy/lib/devnet-main.mjs [--dir .devnet] [--rpc-port 8545] [--portal-port 8080]
//        [--proxy-port 8787] [--target-port 8790] [--no-sample-task] [--core stand-in|real]
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startDevnet, DEFAULT_PORTS } from './devnet.mjs';
import { ROOT } from './devchain.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: resolve(ROOT, '.devnet') },
    'rpc-port': { type: 'string', default: String(DEFAULT_PORTS.rpc) },
    'portal-port': { type: 'string', default: String(DEFAULT_PORTS.portal) },
    'proxy-port': { type: 'string', default: String(DEFAULT_PORTS.proxy) },
    'target-port': { type: 'string', default: String(DEFAULT_PORTS.target) },
    'no-sample-task': { type: 'boolean', default: false },
    core: { type: 'string', default: 'stand-in' },
  },
});
const port = (name) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`--${name} must be a TCP port, not "${values[name]}"`);
  return n;
};

if (!['stand-in', 'real'].includes(values.core)) throw new Error(`--core must be stand-in or real, not "${values.core}"`);

const print = (line) => console.log(`\x1b[1m[devnet]\x1b[0m ${line}`);
let devnet;
let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  print(`${signal}: stopping everything…`);
  await devnet?.stop();
  print(`stopped. Chain state and operator stores are kept in ${values.dir}; run deploy/devnet.sh again to continue (delete that folder to start over).`);
  process.exit(0);
}
process.on('SIGINT', () => shutdown('Ctrl-C'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

try {
  devnet = await startDevnet({
    dir: resolve(values.dir),
    ports: { ...DEFAULT_PORTS, rpc: port('rpc-port'), portal: port('portal-port'), proxy: port('proxy-port'), target: port('target-port') },
    sampleTask: !values['no-sample-task'],
    core: values.core,
    print,
  });
  if (stopping) process.exit(0);
  const lines = [
    '',
    `Portal:        ${devnet.portalUrl}`,
    devnet.sampleTaskId != null ? `Sample task:   ${devnet.portalUrl}#/task/${devnet.sampleTaskId}  (every 2 s for 2 minutes)` : null,
    `Operators:     ${devnet.portalUrl}#/operators  (${devnet.operators.length} node(s) running)`,
    `Chain RPC:     ${devnet.rpcUrl}  (chain ${devnet.deployment.chainId}, FleekAutomator ${devnet.deployment.automator})`,
    `Proxy:         ${devnet.proxyUrl}`,
    `Sample target: ${devnet.targetUrl}`,
    '',
    'Watch below: [target] lines are the calls the proxy makes, "[devnet] chain: ✔" lines are hits',
    'proven on chain. In the portal, open the sample task to see its timeline fill in, or create a',
    'task of your own (the dev account is funded). Ctrl-C stops everything and keeps the state.',
    '',
  ].filter((l) => l != null);
  for (const l of lines) print(l);
} catch (err) {
  console.error(`[devnet] failed: ${err.message}`);
  await devnet?.stop();
  process.exit(1);
}
