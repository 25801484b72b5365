// End to end for the operator node: anvil with the real contracts (deploy/lib/devchain.mjs), the
// real proxy (proxy/serve.js) and a real local target; automator-operator runs either as one
// process (config/single-process.ini) or split in two (config/split-callers.ini holds no key,
// config/split-submitter.ini holds it). A task created on chain must get every slot fired,
// signed by the proxy and proven on chain by the node. In quorum mode two proxies with two
// registered signer keys run and the task needs both signatures: one proxy calls the target and
// signs, the other co-signs. Also: a bad key file is refused with a clear error, and a wrong
// contract address turns /health to 503 with the reason.
//   node tests/integration/node_e2e.mjs --operator build/actors/automator-operator --mode single|split|quorum|bad-key|bad-contract
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ANVIL_ADDRESSES, ANVIL_KEYS, startDevchain } from '../../deploy/lib/devchain.mjs';
import { automatorClient } from '../../proxy/test/helpers/automator.js';
import { startTarget } from '../../proxy/test/helpers/httpServers.js';
import { freePort, metric, metricsOf, processGroup, rpc, startNodeOnBareChain, writeKey as writeKeyIn } from './lib/processes.mjs';

const { values: args } = parseArgs({ options: { operator: { type: 'string' }, mode: { type: 'string', default: 'single' } } });
const work = mkdtempSync(join(tmpdir(), 'automator-node-e2e-'));
const group = processGroup();
const { start, waitFor, report, stopAll } = group;
const operatorKey = ANVIL_KEYS[1];
const operatorAddress = ANVIL_ADDRESSES[1];
// Quorum mode: two proxies, each with its own registered signer key, and a quorum-2 task.
const proxyAccounts = args.mode === 'quorum' ? [9, 8] : [9];
const writeKey = (name, key) => writeKeyIn(work, name, key);

async function badKey() {
  const deployment = join(work, 'deployment.json');
  writeFileSync(deployment, JSON.stringify({ chainId: 31337, automator: ANVIL_ADDRESSES[0], deployBlock: 0 }));
  const keyFile = writeKey('broken.key', 'not-a-key');
  const node = start('operator', args.operator, [
    '--config-file=config/single-process.ini', `--node.deployment=${deployment}`, `--node.key-file=${keyFile}`,
    `--node.store=${join(work, 'store')}`, '--node.metrics-port=0',
  ]);
  const code = await node.exited;
  if (code === 0 || !node.output.includes(keyFile)) throw new Error(`expected a failure naming ${keyFile}, got exit ${code}:\n${node.output}`);
  const missing = start('operator', args.operator, ['--config-file=config/single-process.ini', '--node.actors=["submitter", "bogus"]']);
  const missingCode = await missing.exited;
  if (missingCode !== 2 || !missing.output.includes('unknown actor "bogus"')) throw new Error(`expected a configuration error, got exit ${missingCode}:\n${missing.output}`);
  console.log('ok: a broken key file and a bad actor list are refused with clear errors');
}

// A wrong contract address: the node keeps running but /health says what is wrong (no code
// there, then code that is not an Automator) instead of answering ok while it idles.
async function badContract() {
  const contract = '0x000000000000000000000000000000000000dEaD';
  const { rpcUrl, metricsPort } = await startNodeOnBareChain({ group, work, operator: args.operator, key: operatorKey, contract });
  const health = async () => {
    const response = await fetch(`http://127.0.0.1:${metricsPort}/health`);
    return { status: response.status, text: await response.text() };
  };
  const first = await health();
  if (first.status !== 503 || !first.text.includes('no contract code at') || !first.text.includes(contract)) {
    throw new Error(`expected /health 503 naming the missing code at ${contract}, got ${first.status}: ${first.text}`);
  }
  await rpc(rpcUrl, 'anvil_setCode', [contract, '0x00']); // code that answers every call with nothing
  const second = await waitFor('/health to name a contract that is not an Automator', async () => {
    const h = await health();
    return h.status === 503 && h.text.includes('not an Automator') && h;
  }, 15_000);
  console.log(`ok: /health answers 503 "${first.text.trim()}", then "${second.text.trim()}"`);
}

async function firesAndProves() {
  const [chain, target] = await Promise.all([
    startDevchain({
      operatorKeys: [operatorKey],
      proxySignerAddresses: proxyAccounts.map((i) => ANVIL_ADDRESSES[i]),
      params: { epochLength: 1, activationDelay: 1 },
      waitForOperators: true,
    }),
    startTarget((_request, _body, response) => response.end('pong')),
  ]);
  try {
    const deployment = join(work, 'deployment.json');
    writeFileSync(deployment, JSON.stringify(chain.deployment));
    const proxyUrls = [];
    for (const i of proxyAccounts) {
      const proxyPort = await freePort();
      start(`proxy ${i}`, process.execPath, [
        'proxy/serve.js', `--chain-id=${chain.deployment.chainId}`, `--contracts=${chain.deployment.automator}`,
        `--rpc-url=${chain.rpcUrl}`, `--key-file=${writeKey(`proxy-${i}.key`, ANVIL_KEYS[i])}`, '--allow-loopback', `--port=${proxyPort}`,
      ]);
      proxyUrls.push(`http://127.0.0.1:${proxyPort}`);
    }
    for (const url of proxyUrls) await waitFor(`the proxy at ${url}`, async () => (await fetch(url)).ok, 30_000);

    const common = [`--node.deployment=${deployment}`, `--node.proxy-urls=${JSON.stringify(proxyUrls)}`, '--node.log-level=info'];
    const chainOpts = [`--node.rpc-url=${chain.rpcUrl}`, '--chain.confirmations=0', '--chain.poll-interval-ms=300', '--prover.batch-age-ms=500'];
    const keyFile = writeKey('operator.key', operatorKey);
    const keyProcessPort = await freePort();
    let callerPort = keyProcessPort;
    if (args.mode !== 'split') {
      start('operator', args.operator, [
        '--config-file=config/single-process.ini', ...common, ...chainOpts, `--node.key-file=${keyFile}`,
        `--node.store=${join(work, 'store')}`, `--node.metrics-port=${keyProcessPort}`,
      ]);
    } else {
      const [proverPort, callerActorPort] = [await freePort(), await freePort()];
      callerPort = await freePort();
      start('callers', args.operator, [
        '--config-file=config/split-callers.ini', ...common, `--node.operator-address=${operatorAddress}`,
        `--node.metrics-port=${callerPort}`, `--publish.caller-port=${callerActorPort}`, `--remote.prover="127.0.0.1:${proverPort}"`,
      ]);
      start('submitter', args.operator, [
        '--config-file=config/split-submitter.ini', ...common, ...chainOpts, `--node.key-file=${keyFile}`,
        `--node.store=${join(work, 'store')}`, `--node.metrics-port=${keyProcessPort}`,
        `--publish.prover-port=${proverPort}`, `--remote.callers=["127.0.0.1:${callerActorPort}"]`,
      ]);
    }
    await waitFor('the node', async () => (await fetch(`http://127.0.0.1:${keyProcessPort}/health`)).ok, 60_000);

    const avs = automatorClient(chain);
    const count = 3;
    const start_ = Number(await avs.latestTimestamp()) + 4;
    const quorum = proxyAccounts.length;
    const taskId = await avs.createTask({ url: `${target.url}/hit`, method: 'GET', start: start_, interval: 2, count, tolerance: 10, quorum });
    console.log(`task ${taskId}: ${count} slots from ${start_}, quorum ${quorum}`);
    await waitFor(`${count} slots proven on chain`, async () => {
      const [proven] = await avs.read('progress', [taskId]);
      return proven === count;
    }, 90_000);
    const slotsCalled = new Set(target.requests.map((r) => r.headers['x-automator-slot']));
    if (slotsCalled.size !== count) throw new Error(`the target saw slots ${[...slotsCalled]}`);
    // The node learns of its last batch's receipt at its next receipt poll.
    const keyMetrics = await waitFor('the node to count its proven hits', async () => {
      const text = await metricsOf(keyProcessPort);
      return metric(text, 'automator_hits_proven_total') === count && text;
    }, 10_000);
    if (args.mode === 'split') {
      const callerMetrics = await metricsOf(callerPort);
      if (!(metric(callerMetrics, 'automator_proxy_calls_total') >= count)) throw new Error(`the caller process made no proxy calls:\n${callerMetrics}`);
      if (metric(keyMetrics, 'automator_proxy_calls_total') !== 0) throw new Error('the key process called the proxy itself');
    }
    console.log(`ok (${args.mode}): task ${taskId} fired and proven on chain, ${count}/${count} slots, quorum ${quorum}`);
  } finally {
    await target.close();
    await chain.stop();
  }
}

let failed = false;
try {
  if (!args.operator) throw new Error('--operator PATH is required');
  const modes = { 'bad-key': badKey, 'bad-contract': badContract };
  await (modes[args.mode] ?? firesAndProves)();
} catch (error) {
  failed = true;
  console.error(`FAILED: ${error.message}`);
  report();
} finally {
  await stopAll();
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
