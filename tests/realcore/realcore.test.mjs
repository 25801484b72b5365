// The AVS's whole life on the REAL EigenLayer core (v1.12.0, deployed on anvil with EigenLayer's
// own local deploy script by deploy/lib/realcore.mjs), through the project's own tools: three
// operators register with automator-cli (stake, delegate to themselves, allocate, wait out the
// allocation delay, register for the set); real operator nodes (automator-operator) and the
// real proxy (proxy/serve.js) prove a task's slots; an operator the test stops misses its slot,
// is reported and really slashed by the core's slashOperator; while the core pauses slashing a
// miss is still recorded and its bounty paid, the slash retried after the unpause, and the
// operator, ejected, leaves the core's operator set; a cancel refunds; an operator deregisters
// and is not slashable after DEALLOCATION_DELAY blocks.
//
// Run (binaries from AUTOMATOR_BUILD_DIR, default build/; or AUTOMATOR_CLI_BIN and
// AUTOMATOR_OPERATOR_BIN): AUTOMATOR_BUILD_DIR=build node --test tests/realcore/
// The core's sources: $EIGENLAYER_CONTRACTS_DIR or ../shared/vendor/eigenlayer-contracts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANVIL_ADDRESSES, ANVIL_KEYS } from '../../deploy/lib/devchain.mjs';
import { startRealCoreChain } from '../../deploy/lib/realcore.mjs';
import { startTarget } from '../../proxy/test/helpers/httpServers.js';
import { freePort, processGroup, writeKey } from '../integration/lib/processes.mjs';
import { PAUSE_SLASHING, chainClient, cli, cliBinary, coreAbi, countEndingWith, operatorBinary } from './helpers.mjs';

const WAD = 10n ** 18n;
const SLASH_WAD = 10n ** 16n; // 1 %
const STAKE = 10n * WAD;
const FEE = 10n ** 12n;
const OPERATORS = [1, 2, 3].map((i) => ({ key: ANVIL_KEYS[i], address: ANVIL_ADDRESSES[i] }));
const [A, B, C] = OPERATORS;
const USER = 4; // creates tasks
const REPORTER = 5; // reports misses the nodes have not reported yet
const PROXY_SIGNER = 9;

const work = mkdtempSync(join(tmpdir(), 'automator-realcore-'));
const group = processGroup();
let chain;
let target;
let c; // chainClient
let common; // --rpc, --deployment
const nodes = new Map(); // operator address -> node process
const gas = {};

const log = (line) => console.log(`# ${line}`);

async function createTask({ count, every = '2s', start = '+6s', fee = FEE }) {
  const r = await cli(['create-task', ...common, '--key-file', join(work, 'user.key'), '--url', `${target.url}/hit`,
    '--every', every, '--count', String(count), '--start', start, '--tolerance', '2s', '--fee-wei', String(fee)]);
  assert.equal(r.code, 0, r.out);
  return BigInt(/task (\d+) created/.exec(r.out)[1]);
}

// A task whose last slot, and only it, falls to `operator` in the current set.
async function taskEndingWith(operator) {
  for (;;) {
    const set = await c.avs('operatorsAt', [BigInt((await c.reader.getBlock()).timestamp)]);
    const next = (await c.avs('taskCount')) + 1n;
    const count = countEndingWith(set, next, operator);
    if (count !== null) {
      const id = await createTask({ count });
      assert.equal(id, next);
      return { id, slot: count - 1, count };
    }
    await createTask({ count: 1, start: '+1h', fee: 0n }); // another task id, never due in this run
  }
}

// Waits for the miss of (task, slot): the watching node reports it; past its deadline plus a
// grace period the test reports it itself. Resolves to the receipt of the report.
async function missReported(taskId, slot) {
  const deadline = Number(await c.avs('missDeadline', [taskId, slot]));
  const from = await c.reader.getBlockNumber();
  let refusal = 'none';
  const find = async () => (await c.logs('SlotMissed', from - 5n)).find((l) => l.args.taskId === taskId && l.args.slot === slot);
  try {
    return await group.waitFor(`the miss of task ${taskId} slot ${slot}`, async () => {
      const missed = await find();
      if (missed) return c.reader.getTransactionReceipt({ hash: missed.transactionHash });
      if (Number((await c.reader.getBlock()).timestamp) <= deadline + 8) return null;
      try {
        return await c.send(ANVIL_KEYS[REPORTER], chain.deployment.automator, c.abi, 'reportMissed', [taskId, slot]);
      } catch (e) {
        refusal = e.shortMessage ?? e.message; // reported meanwhile, and the next poll finds the event
        return null;
      }
    }, 90_000);
  } catch (e) {
    const state = await c.avs('slotState', [taskId, slot]).catch((err) => err.message);
    throw new Error(`${e.message} (slot state ${state}, deadline ${deadline}, last refusal of reportMissed: ${refusal})`);
  }
}

function startNode(op, proxyUrl, deploymentPath) {
  const name = `node ${op.address.slice(0, 8)}`;
  const metricsPort = op.metricsPort;
  const child = group.start(name, operatorBinary(), [
    '--config-file=config/single-process.ini', `--node.deployment=${deploymentPath}`, `--node.proxy-urls=${JSON.stringify([proxyUrl])}`,
    `--node.rpc-url=${chain.rpcUrl}`, `--node.key-file=${writeKey(work, `${op.address}.key`, op.key)}`,
    `--node.store=${join(work, `store-${op.address}`)}`, `--node.metrics-port=${metricsPort}`, '--node.log-level=info',
    '--chain.confirmations=0', '--chain.poll-interval-ms=300', '--prover.batch-age-ms=500',
  ]);
  nodes.set(op.address, child);
  return group.waitFor(`${name}`, async () => (await fetch(`http://127.0.0.1:${metricsPort}/health`)).ok, 60_000);
}

before(async () => {
  for (const bin of [cliBinary(), operatorBinary()]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: build it (cmake --build build --target automator-cli automator-operator) or set AUTOMATOR_BUILD_DIR`);
  }
  const started = Date.now();
  [chain, target] = await Promise.all([
    startRealCoreChain({
      blockTime: 1,
      proxySignerAddresses: [ANVIL_ADDRESSES[PROXY_SIGNER]],
      fundAddresses: OPERATORS.map((o) => o.address),
      // R = 1: an unproven slot is its primary's miss (and the next operator's node reports it).
      params: { epochLength: 2, activationDelay: 1, redundancy: 1, submitWindow: 6, maxMisses: 2, slashWad: SLASH_WAD },
      print: log,
    }),
    startTarget((_request, _body, response) => response.end('pong')),
  ]);
  log(`real core and AVS ready in ${((Date.now() - started) / 1000).toFixed(1)} s (with the core's compile on a clean checkout)`);
  c = chainClient(chain);
  const deploymentPath = join(work, 'deployment.json');
  writeFileSync(deploymentPath, JSON.stringify(chain.deployment));
  common = ['--rpc', chain.rpcUrl, '--deployment', deploymentPath];
  writeKey(work, 'user.key', ANVIL_KEYS[USER]);
  writeKey(work, 'unfunded.key', ANVIL_KEYS[6]);
  for (const op of OPERATORS) {
    writeKey(work, `cli-${op.address}.key`, op.key);
    op.metricsPort = await freePort();
  }
});

after(async () => {
  await group.stopAll();
  await target?.close();
  await chain?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('operators join through automator-cli: deposit, allocate, wait out the allocation delay, register', { timeout: 120_000 }, async () => {
  const runs = await Promise.all(OPERATORS.map((op) =>
    cli(['register-operator', ...common, '--key-file', join(work, `cli-${op.address}.key`), '--allocation-delay', '3', '--stake-wei', String(STAKE)])));
  for (const r of runs) {
    assert.equal(r.code, 0, r.out);
    for (const text of ['registered as an EigenLayer operator, allocation delay 3 blocks', 'approved the StrategyManager', 'deposited 10 tokens',
      'in effect at block', 'reached block', 'registered for the AVS\'s operator set']) assert.ok(r.out.includes(text), `${text}\n${r.out}`);
  }
  gas.registerForOperatorSets = Number(/registered for the AVS's operator set \(gas (\d+)\)/.exec(runs[0].out)[1]);
  log(runs[0].out.trim().split('\n').join('\n# '));
  for (const op of OPERATORS) assert.equal(await c.slashableStake(op.address), STAKE);

  // Re-running skips every step; a key without the strategy's token is told so.
  const again = await cli(['register-operator', ...common, '--key-file', join(work, `cli-${A.address}.key`)]);
  assert.equal(again.code, 0, again.out);
  assert.match(again.out, /already registered for the AVS's operator set/);
  const poor = await cli(['register-operator', ...common, '--key-file', join(work, 'unfunded.key')]);
  assert.equal(poor.code, 1, poor.out);
  assert.match(poor.out, /holds 0 tokens .* but the deposit is 10 tokens/);

  await group.waitFor('the three operators in the assignment', async () =>
    (await c.avs('operatorsAt', [BigInt((await c.reader.getBlock()).timestamp)])).length === 3, 30_000);
});

test('real operator nodes and the real proxy prove a task\'s slots', { timeout: 120_000 }, async () => {
  const proxyPort = await freePort();
  group.start('proxy', process.execPath, [
    'proxy/serve.js', `--chain-id=${chain.deployment.chainId}`, `--contracts=${chain.deployment.automator}`, `--rpc-url=${chain.rpcUrl}`,
    `--key-file=${writeKey(work, 'proxy.key', ANVIL_KEYS[PROXY_SIGNER])}`, '--allow-loopback', `--port=${proxyPort}`,
  ]);
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  await group.waitFor('the proxy', async () => (await fetch(proxyUrl)).ok, 30_000);
  await Promise.all(OPERATORS.map((op) => startNode(op, proxyUrl, join(work, 'deployment.json'))));

  const id = await createTask({ count: 3 });
  await group.waitFor(`task ${id}'s 3 slots proven`, async () => (await c.avs('progress', [id]))[0] === 3, 90_000);
  assert.equal(new Set(target.requests.map((r) => r.headers['x-automator-slot'])).size >= 3, true);
});

test('a stopped operator is reported and really slashed by the core (slashable stake down by the wad)', { timeout: 150_000 }, async () => {
  await group.stop(nodes.get(C.address));
  const { id, slot, count } = await taskEndingWith(C.address);
  log(`task ${id}: ${count} slots, the last one C's`);
  const receipt = await missReported(id, slot);
  gas.reportMissed = Number(receipt.gasUsed);
  const [missed] = c.events(receipt, 'SlotMissed');
  assert.equal(missed.args.primary, C.address);
  const [slashed] = c.events(receipt, 'OperatorSlashed');
  assert.ok(slashed, 'reportMissed slashed through the core');
  assert.equal(slashed.args.operator, C.address);
  const before = await c.slashableStake(C.address, receipt.blockNumber - 1n);
  const afterSlash = await c.slashableStake(C.address, receipt.blockNumber);
  assert.equal(before, STAKE);
  assert.equal(afterSlash, before - (before * SLASH_WAD) / WAD, 'the slashable stake drops by exactly the wad');
  assert.equal((await c.avs('operatorInfo', [C.address])).misses, 1);
  assert.equal((await c.avs('progress', [id]))[0], count - 1, 'the running operators proved their slots');
});

test('while the core pauses slashing a miss is still recorded and its bounty paid; the ejected operator leaves the core\'s set', { timeout: 150_000 }, async () => {
  const owner = ANVIL_KEYS[0]; // the core's pauser and unpauser
  await c.send(owner, chain.deployment.allocationManager, coreAbi, 'pause', [PAUSE_SLASHING]);
  const { id, slot } = await taskEndingWith(C.address);
  const receipt = await missReported(id, slot);
  gas.reportMissedWhilePausedAndEjecting = Number(receipt.gasUsed);
  const stake = await c.slashableStake(C.address, receipt.blockNumber - 1n);
  assert.equal(await c.slashableStake(C.address, receipt.blockNumber), stake, 'nothing slashed while paused');
  const [missed] = c.events(receipt, 'SlotMissed');
  assert.equal(missed.args.bounty, FEE, 'the bounty is the slot\'s fee');
  assert.ok((await c.avs('owed', [missed.args.reporter])) >= FEE, 'the reporter is owed the bounty');
  assert.equal(c.events(receipt, 'SlashDeferred').length, 1, 'the slash waits for retrySlash');
  const info = await c.avs('operatorInfo', [C.address]);
  assert.equal(info.misses, 2);
  assert.equal(info.ejected, true, 'ejected at maxMisses = 2');
  assert.equal(await c.core('isMemberOfOperatorSet', [C.address, c.set]), false, 'the AVS deregistered it from the core\'s set');

  await c.send(owner, chain.deployment.allocationManager, coreAbi, 'unpause', [0n]);
  const retried = await c.send(ANVIL_KEYS[REPORTER], chain.deployment.automator, c.abi, 'retrySlash', [id, slot]);
  gas.retrySlash = Number(retried.gasUsed);
  assert.equal(c.events(retried, 'OperatorSlashed').length, 1);
  assert.equal(await c.slashableStake(C.address, retried.blockNumber), stake - (stake * SLASH_WAD) / WAD);
  const status = await cli(['status', ...common, '--operator', C.address]);
  assert.equal(status.code, 0, status.out);
  assert.match(status.out, /member of set 0:\s+no/);
  assert.match(status.out, /EJECTED/);
  log(`automator-cli status of the slashed, ejected operator:\n# ${status.out.trim().split('\n').join('\n# ')}`);
});

test('a cancelled task refunds its unspent deposit', { timeout: 60_000 }, async () => {
  const id = await createTask({ count: 5, start: '+1h' });
  const r = await cli(['cancel-task', String(id), ...common, '--key-file', join(work, 'user.key')]);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, new RegExp(`\\(${5n * FEE} wei\\)`), r.out);
  assert.equal((await c.avs('getTask', [id])).deposit, 0n);
});

test('an operator deregisters through automator-cli and is not slashable after DEALLOCATION_DELAY', { timeout: 120_000 }, async () => {
  const r = await cli(['deregister-operator', ...common, '--key-file', join(work, `cli-${B.address}.key`)]);
  assert.equal(r.code, 0, r.out);
  gas.deregisterFromOperatorSets = Number(/deregistered from operator set 0 \(gas (\d+)\)/.exec(r.out)[1]);
  assert.match(r.out, /slashable until block \d+ \(DEALLOCATION_DELAY 900 blocks\)/);
  assert.equal(await c.core('isMemberOfOperatorSet', [B.address, c.set]), false);
  assert.equal(await c.core('isOperatorSlashable', [B.address, c.set]), true, 'slashable during the window');
  const window = await c.core('DEALLOCATION_DELAY');
  // The window is counted in blocks: mine them at once, at the same timestamp.
  await c.reader.request({ method: 'anvil_mine', params: [`0x${(window + 1).toString(16)}`, '0x0'] });
  assert.equal(await c.core('isOperatorSlashable', [B.address, c.set]), false);
  assert.equal(await c.slashableStake(B.address), 0n);
  assert.equal((await c.avs('operatorInfo', [B.address])).registered, false);
  log(`real-core gas: ${JSON.stringify(gas)}`);
});
