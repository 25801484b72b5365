// Health that tells the truth, and the EigenLayer node conventions, on a real chain: anvil with
// the real contracts, the real proxy and a real operator node (config/single-process.ini).
//  - a healthy node: /health 200 "ok", /eigen/node/health 200, every service Up, the node API's
//    spec-version / version / services answers, the eigen_* metrics exported;
//  - a second proxy URL that nothing answers: /health still 200 (the node can work) but names
//    it, /eigen/node/health 206 (partially healthy), that service's health 503;
//  - the gas balance below node.min-gas-balance-wei: 503 naming gas-balance, back to 200 once
//    funded again;
//  - an operator not in the active set (a second node with an unregistered key): 503 naming it;
//  - the proxy stopped: "no proxy reachable"; the chain stopped: "chain-rpc: no answer".
// (A wrong contract address is node_e2e.mjs --mode bad-contract.)
//   node tests/integration/node_health.mjs --operator build/actors/automator-operator
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ANVIL_ADDRESSES, ANVIL_KEYS, startDevchain } from '../../deploy/lib/devchain.mjs';
import { freePort, metricsOf, processGroup, rpc, writeKey } from './lib/processes.mjs';

const { values: args } = parseArgs({ options: { operator: { type: 'string' } } });
const work = mkdtempSync(join(tmpdir(), 'automator-node-health-'));
const group = processGroup();
const { start, waitFor, stop, report, stopAll } = group;
const operatorAddress = ANVIL_ADDRESSES[1];
const SPEC_METRICS = ['eigen_fees_earned_total', 'eigen_slashing_incurred_total', 'eigen_balance_total', 'eigen_performance_score',
  'eigen_rpc_request_duration_seconds', 'eigen_rpc_request_total', 'eigen_registered_stakes'];

const get = async (port, path) => {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, text: await response.text() };
};
const expect = (cond, what, got) => { if (!cond) throw new Error(`${what}; got ${typeof got === 'string' ? got : JSON.stringify(got)}`); };
const waitHealth = (port, what, pred, ms = 20_000) => waitFor(what, async () => {
  const [h, e] = [await get(port, '/health'), await get(port, '/eigen/node/health')];
  return pred(h, e) && { h, e };
}, ms);

function startNode(name, key, { deployment, rpcUrl, proxyUrls, port }) {
  return start(name, args.operator, [
    '--config-file=config/single-process.ini', `--node.deployment=${deployment}`, `--node.rpc-url=${rpcUrl}`,
    `--node.proxy-urls=${JSON.stringify(proxyUrls)}`, `--node.key-file=${writeKey(work, `${name}.key`, key)}`,
    `--node.store=${join(work, `store-${name}`)}`, `--node.metrics-port=${port}`, '--node.probe-interval-ms=300',
    '--chain.confirmations=0', '--chain.poll-interval-ms=300',
  ]);
}

async function main() {
  const started = Date.now();
  const chain = await startDevchain({
    operatorKeys: [ANVIL_KEYS[1]], proxySignerAddresses: [ANVIL_ADDRESSES[9]],
    params: { epochLength: 1, activationDelay: 1 }, waitForOperators: true,
  });
  try {
    const deployment = join(work, 'deployment.json');
    writeFileSync(deployment, JSON.stringify(chain.deployment));
    const proxyPort = await freePort();
    const proxy = start('proxy', process.execPath, [
      'proxy/serve.js', `--chain-id=${chain.deployment.chainId}`, `--contracts=${chain.deployment.automator}`,
      `--rpc-url=${chain.rpcUrl}`, `--key-file=${writeKey(work, 'proxy.key', ANVIL_KEYS[9])}`, '--allow-loopback', `--port=${proxyPort}`,
    ]);
    const proxyUrl = `http://127.0.0.1:${proxyPort}`;
    await waitFor('the proxy', async () => (await fetch(proxyUrl)).ok, 30_000);
    const deadProxy = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const port = await freePort();
    const common = { deployment, rpcUrl: chain.rpcUrl, port };
    startNode('node', ANVIL_KEYS[1], { ...common, proxyUrls: [proxyUrl, deadProxy] });

    // Healthy, with one of two proxies gone: can work (200), partially healthy (206).
    const partial = await waitHealth(port, 'the node ready with one proxy down', (h, e) => h.status === 200 && e.status === 206, 60_000);
    expect(partial.h.text.includes('partially degraded') && partial.h.text.includes(deadProxy), '/health names the dead proxy', partial.h.text);
    const services = JSON.parse((await get(port, '/eigen/node/services')).text).services;
    const byId = Object.fromEntries(services.map((s) => [s.id, s]));
    for (const id of ['chain-rpc', 'contract', 'operator-set', 'gas-balance', 'proxy-0', 'process']) {
      expect(byId[id]?.status === 'Up', `service ${id} Up`, services);
    }
    expect(byId['proxy-1']?.status === 'Down', 'the dead proxy Down', services);
    for (const s of services) expect(s.name && s.description, 'every service has a name and a description', s);
    expect((await get(port, '/eigen/node/services/proxy-0/health')).status === 200, 'proxy-0 health 200');
    expect((await get(port, '/eigen/node/services/proxy-1/health')).status === 503, 'proxy-1 health 503');
    expect((await get(port, '/eigen/node/services/nope/health')).status === 404, 'unknown service 404');
    const spec = JSON.parse((await get(port, '/eigen/node/spec-version')).text);
    expect(spec.api_version === 'v0.0.1', 'spec-version', spec);
    const version = JSON.parse((await get(port, '/eigen/node/version')).text);
    expect(/^fleek-automator-operator\/v\d+\.\d+\.\d+$/.test(version.version), 'version', version);
    expect((await get(port, '/eigen/node/version?version=v9.9.9')).status === 404, 'an unknown API version is 404');
    const text = await waitFor('the eigen metrics', async () => {
      const m = await metricsOf(port);
      return /^eigen_balance_total\{token="ETH",unit="wei"\} \d/m.test(m) && /^eigen_registered_stakes\{/m.test(m) && m;
    }, 10_000);
    for (const name of SPEC_METRICS) expect(new RegExp(`^# TYPE ${name} `, 'm').test(text), `metric ${name} exported`, name);
    expect(/^eigen_rpc_request_total\{method="eth_blockNumber",client_version="anvil/m.test(text), 'RPC calls counted by method and client', text);
    expect(/^eigen_performance_score 100/m.test(text), 'performance 100 with nothing due', text);
    console.log('ok: healthy node, one proxy down: /health 200 naming it, /eigen/node/health 206, node API and eigen_* metrics');

    // Gas balance below the floor (default 0.01 ETH), then funded again.
    await rpc(chain.rpcUrl, 'anvil_setBalance', [operatorAddress, '0x3e8']);
    const poor = await waitHealth(port, 'the low gas balance reported', (h, e) => h.status === 503 && e.status === 503);
    expect(poor.h.text.includes('gas-balance: gas balance of') && poor.h.text.includes('is 1000 wei, below node.min-gas-balance-wei'), '/health names the gas balance', poor.h.text);
    expect(/^automator_gas_balance_low 1/m.test(await metricsOf(port)), 'automator_gas_balance_low 1');
    await rpc(chain.rpcUrl, 'anvil_setBalance', [operatorAddress, '0x21e19e0c9bab2400000']);
    await waitHealth(port, 'the balance back above the floor', (h) => h.status === 200);
    console.log(`ok: gas balance below the floor: 503 "${poor.h.text.trim().split('\n')[0]}"; funded again: 200`);

    // An operator that is not in the active set.
    const strangerPort = await freePort();
    startNode('stranger', ANVIL_KEYS[3], { ...common, port: strangerPort, proxyUrls: [proxyUrl] });
    const stranger = await waitHealth(strangerPort, 'the stranger node reported', (h, e) => h.status === 503 && e.status === 503 && h.text.includes('operator-set:'), 60_000);
    expect(stranger.h.text.includes(`operator ${ANVIL_ADDRESSES[3]} is not registered`), '/health names the unregistered operator', stranger.h.text);
    console.log(`ok: operator not in the set: 503 "${stranger.h.text.trim()}"`);

    // No proxy reachable.
    await stop(proxy);
    const noProxy = await waitHealth(port, 'no proxy reachable', (h, e) => h.status === 503 && e.status === 503);
    expect(noProxy.h.text.includes('no proxy reachable'), '/health says no proxy is reachable', noProxy.h.text);
    console.log(`ok: proxy stopped: 503 "${noProxy.h.text.trim().split('\n')[0]}"`);

    // No route to the chain.
    await chain.stop();
    const noChain = await waitHealth(port, 'the RPC unreachable', (h, e) => h.status === 503 && e.status === 503 && h.text.includes('chain-rpc: no answer from the RPC'));
    console.log(`ok: chain stopped: 503 "${noChain.h.text.split('\n').find((l) => l.startsWith('chain-rpc'))}"`);
    console.log(`node_health: all checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await chain.stop().catch(() => {});
  }
}

let failed = false;
try {
  if (!args.operator) throw new Error('--operator PATH is required');
  await main();
} catch (error) {
  failed = true;
  console.error(`FAILED: ${error.message}`);
  report();
} finally {
  await stopAll();
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
