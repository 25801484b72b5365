// Differential test of the simulator's contract model (sim/avs_model.cpp) against the real
// FleekAutomator on anvil: one trace of calls (createTask, submitHits with valid, altered,
// stolen, early, late, duplicate and foreign hits, reportMissed before and after the deadline,
// cancelTask, the ejection it causes and the operator set change that follows, time warps) is
// run on the chain and, through `automator-sim --replay-trace`, on the model; call outcomes
// (revert names), events and final state (slot states, task deposit and progress, owed,
// operator records, operator sets) must be identical.
//
// Run: AUTOMATOR_SIM_BIN=build/sim/automator-sim node --test tests/sim/differential.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REJECT_REASONS, unpackHit } from '../../portal/src/hitEvent.js';
import { createPublicClient, createWalletClient, decodeErrorResult, http, keccak256, parseEventLogs, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ANVIL_ADDRESSES, ANVIL_KEYS, ROOT, loadAutomatorAbi, startDevchain } from '../../deploy/lib/devchain.mjs';

const SIM_BIN = process.env.AUTOMATOR_SIM_BIN ?? join(ROOT, 'build', 'sim', 'automator-sim');
const PARAMS = { epochLength: 10, activationDelay: 5, redundancy: 2, failoverDelay: 10, submitWindow: 20, maxMisses: 3 };
const OWNER = 10;
const REPORTER = 11;
const FEE = 1_000_000_000_000n;

test('the contract model matches FleekAutomator on anvil call for call', { timeout: 240_000 }, async () => {
  const operatorKeys = ANVIL_KEYS.slice(1, 5);
  const chain = await startDevchain({ operatorKeys, proxySignerAddresses: [ANVIL_ADDRESSES[9]], params: PARAMS });
  const dir = mkdtempSync(join(tmpdir(), 'sim-differential-'));
  try {
    const run = await runOnChain(chain, operatorKeys);
    const tracePath = join(dir, 'trace.json');
    writeFileSync(tracePath, JSON.stringify(run.trace, null, 1));
    const model = JSON.parse(execFileSync(SIM_BIN, ['--replay-trace', tracePath], { encoding: 'utf8' }));
    for (let i = 0; i < run.trace.calls.length; i++) {
      assert.equal(model.results[i], run.results[i], `call ${i} (${JSON.stringify(run.trace.calls[i])})`);
    }
    assert.deepEqual(model.events, run.events);
    assert.deepEqual(model.state, run.state);
    // The trace must exercise every rule, or agreement proves little.
    const seen = new Set(run.events.map((e) => e.event === 'HitRejected' ? e.reason : e.event));
    for (const what of ['HitProven', 'SlotMissed', 'OperatorSlashed', 'OperatorEjected', 'OperatorSetScheduled', 'TaskCancelled',
      'UnknownTask', 'TaskCancelled', 'SlotOutOfRange', 'OutsideTimeWindow', 'AlreadyResolved', 'NotEligible', 'BadSignature']) {
      assert.ok(seen.has(what), `trace never produced ${what}`);
    }
    for (const revert of ['DeadlineNotReached', 'SlotAlreadyResolved', 'SlotCancelled', 'StartInPast', 'ToleranceOutOfBounds', 'DepositMismatch']) {
      assert.ok(run.results.includes(revert), `trace never reverted with ${revert}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await chain.stop();
  }
});

/** Plays the scripted trace on the chain; returns {trace, results, events, state}. */
async function runOnChain(chain, operatorKeys) {
  const { deployment, rpcUrl } = chain;
  const abi = loadAutomatorAbi();
  const address = deployment.automator;
  const chainDef = { id: deployment.chainId, name: 'anvil', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } };
  const client = createPublicClient({ chain: chainDef, transport: http(rpcUrl) });
  const proxy = privateKeyToAccount(ANVIL_KEYS[9]);
  const read = (functionName, args = []) => client.readContract({ address, abi, functionName, args });

  // Accounts as the model numbers them: operators in address order, then owner and reporter.
  const operators = operatorKeys.map((k) => privateKeyToAccount(k)).sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  const accounts = new Map(operators.map((a, i) => [i, a]));
  accounts.set(OWNER, privateKeyToAccount(ANVIL_KEYS[5]));
  accounts.set(REPORTER, privateKeyToAccount(ANVIL_KEYS[6]));
  const idOf = new Map([...accounts].map(([id, a]) => [a.address.toLowerCase(), id]));
  const id = (addr) => idOf.get(addr.toLowerCase()) ?? addr;

  const params = await read('params');
  const history = await read('operatorSetHistory');
  const trace = {
    params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    operators: operators.length,
    setEffectiveFrom: Number(history.at(-1).effectiveFrom),
    calls: [],
    accounts: [...accounts.keys()],
    operatorsAt: [],
  };
  const results = [];
  const receipts = [];
  let clock = Number((await client.getBlock()).timestamp) + 5;

  async function send(call, functionName, args, value) {
    const at = Math.max(call.at, clock + 1);
    clock = at;
    call.at = at;
    trace.calls.push(call);
    await client.request({ method: 'evm_setNextBlockTimestamp', params: [toHex(at)] });
    const wallet = createWalletClient({ account: accounts.get(call.from), chain: chainDef, transport: http(rpcUrl) });
    const hash = await wallet.writeContract({ address, abi, functionName, args, value, gas: 3_000_000n });
    const receipt = await client.waitForTransactionReceipt({ hash });
    assert.equal(Number((await client.getBlock({ blockNumber: receipt.blockNumber })).timestamp), at);
    receipts.push(receipt);
    if (receipt.status === 'success') return results.push('ok');
    const traced = await client.request({ method: 'debug_traceTransaction', params: [hash, { tracer: 'callTracer' }] });
    results.push(decodeErrorResult({ abi, data: traced.output }).errorName);
  }

  const createTask = (at, start, interval, count, tolerance, value = FEE * BigInt(count)) =>
    send({ call: 'createTask', at, from: OWNER, start, interval, count, tolerance, feePerHit: String(FEE), value: String(value) },
      'createTask', ['https://example.com/hook', 0, '0x', BigInt(start), interval, count, tolerance, 1, FEE], value);

  async function signHit(taskId, slot, operatorId, hitTimeMs, status = 200) {
    const responseHash = keccak256(toHex(`response ${taskId}/${slot}`));
    const signature = await proxy.signTypedData({
      domain: { name: 'FleekAutomator', version: '1', chainId: deployment.chainId, verifyingContract: address },
      types: { Hit: [{ name: 'taskId', type: 'uint256' }, { name: 'slot', type: 'uint32' }, { name: 'operator', type: 'address' }, { name: 'hitTimeMs', type: 'uint64' }, { name: 'status', type: 'uint16' }, { name: 'responseHash', type: 'bytes32' }] },
      primaryType: 'Hit',
      message: { taskId: BigInt(taskId), slot, operator: accounts.get(operatorId).address, hitTimeMs: BigInt(hitTimeMs), status, responseHash },
    });
    return { taskId, slot, hitTimeMs, status, responseHash, signature, signedFor: operatorId };
  }
  // `hits` are signHit results, optionally with `status` changed after signing (an altered proof).
  const submit = (at, from, hits) =>
    send({ call: 'submitHits', at, from, hits: hits.map((h) => ({ taskId: h.taskId, slot: h.slot, hitTimeMs: h.hitTimeMs, status: h.status, validSignature: h.signedFor === from && !h.altered })) },
      'submitHits', [hits.map((h) => ({ taskId: BigInt(h.taskId), slot: h.slot, hitTimeMs: BigInt(h.hitTimeMs), status: h.status, responseHash: h.responseHash, signatures: h.signature }))]);
  const report = (at, taskId, slot) => send({ call: 'reportMissed', at, from: REPORTER, taskId, slot }, 'reportMissed', [BigInt(taskId), slot]);

  // ---- the script
  const t0 = clock + 10;
  await createTask(t0, t0 + 20, 10, 14, 2);                 // task 1
  await createTask(t0 + 1, t0 + 22, 6, 10, 3);              // task 2
  await createTask(t0 + 2, t0 - 30, 10, 3, 2);              // StartInPast
  await createTask(t0 + 3, t0 + 60, 10, 3, 0);              // ToleranceOutOfBounds
  await createTask(t0 + 4, t0 + 60, 10, 3, 2, FEE * 2n);    // DepositMismatch

  const due = (taskId, slot) => (taskId === 1 ? t0 + 20 + 10 * slot : t0 + 22 + 6 * slot);
  const slots = [];
  for (let s = 0; s < 14; s++) slots.push([1, s]);
  for (let s = 0; s < 10; s++) slots.push([2, s]);
  slots.sort((a, b) => due(...a) - due(...b));

  // Every action is planned first, then played in time order (one block per call).
  const actions = [];
  const at = (when, run) => actions.push({ when, run });
  at(due(2, 6) - 1, (when) => send({ call: 'cancelTask', at: when, from: OWNER, taskId: 2 }, 'cancelTask', [2n]));
  let variant = 0;
  for (const [taskId, slot] of slots) {
    const T = due(taskId, slot);
    const [eligible] = await read('eligibleOperators', [BigInt(taskId), slot]);
    const [primary, backup] = eligible.map(id);
    const outsider = [0, 1, 2, 3].find((o) => o !== primary && o !== backup);
    const ms = T * 1000;
    switch (variant++ % 6) {
      case 0: { // on time, then a duplicate
        const h = await signHit(taskId, slot, primary, ms + 300);
        at(T + 1, (when) => submit(when, primary, [h]));
        at(T + 2, (when) => submit(when, primary, [h]));
        break;
      }
      case 1: { // early backup, outsider, altered primary proof; then the backup in its window
        const early = await signHit(taskId, slot, backup, ms + 500);
        const foreign = await signHit(taskId, slot, outsider, ms);
        const altered = { ...(await signHit(taskId, slot, primary, ms + 100)), status: 500, altered: true };
        const late = await signHit(taskId, slot, backup, ms + 10_400);
        at(T + 1, (when) => submit(when, backup, [early]));
        at(T + 2, (when) => submit(when, outsider, [foreign]));
        at(T + 3, (when) => submit(when, primary, [altered]));
        at(T + 11, (when) => submit(when, backup, [late]));
        break;
      }
      case 2: // nobody proves it: reported too early, then for real, then twice
      case 5: {
        const d = Number(await read('missDeadline', [BigInt(taskId), slot]));
        at(d - 3, (when) => report(when, taskId, slot));
        at(d + 1, (when) => report(when, taskId, slot));
        at(d + 2, (when) => report(when, taskId, slot));
        break;
      }
      case 3: { // one batch: 2.001 s (or 3.001 s) late, an unknown task, a slot out of range, a good hit
        const late = await signHit(taskId, slot, primary, ms + 2001 + (taskId === 2 ? 1000 : 0));
        const unknown = await signHit(99, 0, primary, ms);
        const outOfRange = await signHit(taskId, 500, primary, ms);
        const good = await signHit(taskId, slot, primary, ms - 1000);
        at(T + 1, (when) => submit(when, primary, [late, unknown, outOfRange, good]));
        break;
      }
      case 4: { // the backup steals the primary's proof; then the primary proves it
        const stolen = await signHit(taskId, slot, primary, ms + 10_000);
        const own = await signHit(taskId, slot, primary, ms + 200);
        at(T + 10, (when) => submit(when, backup, [stolen]));
        at(T + 11, (when) => submit(when, primary, [own]));
        break;
      }
    }
  }
  actions.sort((a, b) => a.when - b.when);
  for (const action of actions) await action.run(action.when);

  // Past the cut-off of the cancelled task: refused both ways.
  await submit(clock + 1, 0, [await signHit(2, 9, 0, due(2, 9) * 1000)]);
  await report(clock + 1, 2, 9);
  // A slot whose primary has been ejected in a later epoch keeps the set of its own time.
  trace.operatorsAt = [t0 + 20, clock, clock + 60];

  // ---- what the chain holds now
  const events = [];
  for (const receipt of receipts) {
    for (const log of parseEventLogs({ abi, logs: receipt.logs.filter((l) => l.address.toLowerCase() === address.toLowerCase()) })) {
      events.push(normalize(log.eventName, log.args, id));
    }
  }
  const taskCount = Number(await read('taskCount'));
  const tasks = [];
  for (let t = 1; t <= taskCount; t++) {
    const task = await read('getTask', [BigInt(t)]);
    const states = [];
    for (let s = 0; s < task.count; s++) states.push(Number(await read('slotState', [BigInt(t), s])));
    tasks.push({ taskId: t, deposit: String(task.deposit), proven: task.proven, missed: task.missed, cancelled: task.cancelled, slots: states });
  }
  const owed = {};
  for (const [accountId, account] of accounts) owed[String(accountId)] = String(await read('owed', [account.address]));
  const infos = [];
  for (const op of operators) {
    const info = await read('operatorInfo', [op.address]);
    infos.push({ misses: info.misses, hitsProven: info.hitsProven, feesEarned: String(info.feesEarned), ejected: info.ejected });
  }
  const sets = [];
  for (const t of trace.operatorsAt) sets.push((await read('operatorsAt', [BigInt(t)])).map(id));
  return { trace, results, events, state: { tasks, owed, operators: infos, operatorsAt: sets } };
}

/** An event as the model's replay prints it: accounts as numbers, wei as decimal strings. */
function normalize(name, a, id) {
  const n = (v) => Number(v);
  switch (name) {
    case 'TaskCreated': return { event: name, taskId: n(a.taskId), owner: id(a.owner), feePerHit: String(a.feePerHit) };
    case 'TaskCancelled': return { event: name, taskId: n(a.taskId), refund: String(a.refund) };
    case 'HitProven': {
      const hit = unpackHit(a.packedHit);
      return { event: name, taskId: n(a.taskId), slot: hit.slot, hitTimeMs: n(hit.hitTimeMs), status: hit.status };
    }
    case 'HitRejected': return { event: name, taskId: n(a.taskId), slot: n(a.slot), operator: id(a.operator), reason: REJECT_REASONS[Number(a.reason)] };
    case 'HitsSubmitted': return { event: name, operator: id(a.operator), accepted: n(a.accepted), rejected: n(a.rejected) };
    case 'SlotMissed': return { event: name, taskId: n(a.taskId), slot: n(a.slot), primary: id(a.primary), reporter: id(a.reporter), bounty: String(a.bounty) };
    case 'OperatorSlashed': return { event: name, operator: id(a.operator), wad: n(a.wad) };
    case 'OperatorEjected': return { event: name, operator: id(a.operator), misses: n(a.misses) };
    case 'OperatorRegistered':
    case 'OperatorDeregistered': return { event: name, operator: id(a.operator) };
    case 'OperatorSetScheduled': return { event: name, effectiveFrom: n(a.effectiveFrom), operators: a.operators.map(id) };
    default: return { event: name };
  }
}
