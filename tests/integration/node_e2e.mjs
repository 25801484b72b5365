// End to end for the operator node: anvil with the real contracts (deploy/lib/devchain.mjs), the
// real proxy (proxy/serve.js) and a real local target; automator-operator runs either as one
// process (config/single-process.ini) or split in two (config/split-callers.ini holds no key,
// config/split-submitter.ini holds it). A task created on chain must get every slot fired,
// signed by the proxy and proven on chain by the node. In quorum mode two proxies with two
// registered signer keys run and the task needs both signatures: one proxy calls the target and
// signs, the other co-signs. Also: a bad key file is refused with a clear error.
//   node tests/integration/node_e2e.mjs --operator build/actors/automator-operator --mode single|split|quorum|bad-key
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ANVIL_ADDRESSES, ANVIL_KEYS, ROOT, startDevchain } from '../../deploy/lib/devchain.mjs';
import { automatorClient } from '../../proxy/test/helpers/automator.js';
import { startTarget } from '../../proxy/test/helpers/httpServers.js';

const { values: args } = parseArgs({ options: { operator: { type: 'string' }, mode: { type: 'string', default: 'single' } } });
const work = mkdtempSync(join(tmpdir(), 'automator-node-e2e-'));
const children = [];
const operatorKey = ANVIL_KEYS[1];
const operatorAddress = ANVIL_ADDRESSES[1];
// Quorum mode: two proxies, each with its own registered signer key, and a quorum-2 task.
const proxyAccounts = args.mode === 'quorum' ? [9, 8] : [9];

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function start(name, command, argv) {
  const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.output = '';
  const keep = (chunk) => {
    child.output += chunk;
    if (process.env.VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  children.push({ name, child });
  return child;
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch {
      // not ready yet
    }
    const dead = children.find(({ child }) => child.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited with ${dead.child.exitCode} while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const metricsOf = async (port) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
const metric = (text, name) => Number((text.match(new RegExp(`^${name} (\\d+)`, 'm')) ?? [])[1] ?? NaN);

function writeKey(name, key) {
  const file = join(work, name);
  writeFileSync(file, key + '\n');
  chmodSync(file, 0o600);
  return file;
}

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
  await (args.mode === 'bad-key' ? badKey() : firesAndProves());
} catch (error) {
  failed = true;
  console.error(`FAILED: ${error.message}`);
  for (const { name, child } of children) console.error(`----- ${name} output\n${child.output.slice(-6000)}`);
} finally {
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map(({ child }) => child.exited));
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
