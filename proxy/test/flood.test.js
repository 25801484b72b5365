// Bounded work per slot, whoever asks: thousands of requests over HTTP for a free task (interval
// 1 s, tolerance 300 s, hundreds of slots inside their windows) from anyone, repeated and
// concurrent, make the target receive exactly one call per (slot, rank) that is due, the count
// the schedule gives; slots not yet due or long past are refused; a target that resets every
// connection gets at most 1 + maxTransportRetries connections for a slot, and the status-0
// answer is reused. Against anvil, the real contracts and the local runner. The chain is moved
// 10 minutes ahead (evm_increaseTime) so that a whole tolerance of past slots has operators, and
// the proxy's clock follows it (as on a devnet whose chain runs ahead); it is frozen for the
// flood so the set of due slots is exact.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generatePrivateKey } from 'viem/accounts';
import { ANVIL_ADDRESSES, ANVIL_KEYS, startDevchain } from '../../deploy/lib/devchain.mjs';
import { startFunctionServer } from '../runner/server.js';
import { buildConfig } from '../src/config.js';
import { createHandler } from '../src/handler.js';
import { createHitSigner } from '../src/hitSigner.js';
import { dueLeadMs } from '../src/slotCheck.js';
import { maxTransportRetries } from '../src/targetCaller.js';
import { automatorClient } from './helpers/automator.js';
import { startTarget } from './helpers/httpServers.js';

const operatorKeys = ANVIL_KEYS.slice(1, 4);
const keyOf = Object.fromEntries(operatorKeys.map((key, index) => [ANVIL_ADDRESSES[index + 1], key]));
const stranger = ANVIL_ADDRESSES[8];

/** Runs `jobs` (functions) with at most `width` at a time. */
async function pool(jobs, width) {
  const results = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  }));
  return results;
}

describe('flood: the target gets the schedule, not the requests', { timeout: 300_000 }, () => {
  const signer = createHitSigner(generatePrivateKey());
  let chain;
  let avs;
  let target;
  let proxy;
  let frozenMs;
  let offsetMs = 0;
  let pastTaskId; // all its slots closed 10 minutes ago

  before(async () => {
    [chain, target] = await Promise.all([
      startDevchain({ operatorKeys, proxySignerAddresses: [signer.address], params: { epochLength: 1, activationDelay: 1, failoverDelay: 2 } }),
      startTarget((request, _body, response) => {
        if (request.url === '/reset') return request.socket.resetAndDestroy();
        response.end(`slot ${request.headers['x-automator-slot']}`);
      }),
    ]);
    avs = automatorClient(chain);
    pastTaskId = await avs.createTask({ url: `${target.url}/past`, start: await avs.latestTimestamp(), interval: 1, count: 50, tolerance: 5 });
    await avs.reader.request({ method: 'evm_increaseTime', params: [600] });
    await avs.reader.request({ method: 'evm_mine', params: [] });
    offsetMs = (await avs.latestTimestamp()) * 1000 - Date.now();
    const config = buildConfig({ chainId: chain.deployment.chainId, rpcUrl: chain.rpcUrl, contracts: [avs.address], allowLoopback: true });
    const now = () => frozenMs ?? Date.now() + offsetMs;
    proxy = await startFunctionServer({ handle: createHandler({ config, signer, now }), maxRequestBytes: config.maxRequestBytes });
  }, { timeout: 300_000 });
  after(async () => {
    await proxy?.close();
    await target?.close();
    await chain?.stop();
  });

  const ask = async (request) => {
    const response = await fetch(proxy.url, { method: 'POST', body: JSON.stringify({ chainId: chain.deployment.chainId, contract: avs.address, ...request }) });
    return { status: response.status, ...(await response.json()) };
  };

  it('thousands of requests for a free task: one target call per due (slot, rank)', async () => {
    const tolerance = 300;
    const count = 600;
    const taskId = await avs.createTask({ url: `${target.url}/free`, method: 'POST', body: 'x'.repeat(4_000), start: (await avs.latestTimestamp()) - (tolerance - 10), interval: 1, count, tolerance });
    const schedule = await pool(Array.from({ length: count }, (_, slot) => () => avs.read('eligibleOperators', [taskId, slot])), 16);
    frozenMs = Date.now() + offsetMs;
    const due = (fireAt) => frozenMs >= Number(fireAt) * 1000 - dueLeadMs(tolerance) && frozenMs <= (Number(fireAt) + tolerance) * 1000;
    const expectedCalls = schedule.reduce((sum, [, earliest]) => sum + earliest.filter(due).length, 0);

    const requests = [];
    for (let repeat = 0; repeat < 2; repeat++) {
      for (let slot = 0; slot < count; slot++) {
        for (const operator of [...schedule[slot][0], ANVIL_ADDRESSES[1], stranger]) requests.push({ taskId: taskId.toString(), slot, operator });
      }
      for (let i = 0; i < 100; i++) requests.push({ taskId: String(1_000 + i), slot: 0, operator: ANVIL_ADDRESSES[1] });
      for (let i = 0; i < 100; i++) requests.push({ taskId: taskId.toString(), slot: count + i, operator: ANVIL_ADDRESSES[1] });
      for (let i = 0; i < 50; i++) requests.push({ taskId: pastTaskId.toString(), slot: i, operator: ANVIL_ADDRESSES[1 + (i % 3)] });
    }
    const started = performance.now();
    const answers = await pool(requests.map((request) => () => ask(request)), 64);
    const seconds = (performance.now() - started) / 1000;
    frozenMs = undefined;

    const calls = target.requests.filter((received) => received.url === '/free').length;
    assert.equal(target.requests.filter((received) => received.url === '/past').length, 0);
    const byStatus = {};
    for (const answer of answers) byStatus[answer.error ?? answer.status] = (byStatus[answer.error ?? answer.status] ?? 0) + 1;
    console.log(`flood: ${requests.length} requests in ${seconds.toFixed(1)} s (${Math.round(requests.length / seconds)}/s), ` +
      `${calls} target calls, ${expectedCalls} due (slot, rank) pairs of ${count * schedule[0][0].length}; answers ${JSON.stringify(byStatus)}`);
    assert.equal(calls, expectedCalls);
    assert.ok(expectedCalls > 300, `the flood covered hundreds of open windows (${expectedCalls})`);
    assert.ok(byStatus.too_early > 0 && byStatus.too_late > 0 && byStatus.not_eligible > 0 && byStatus.unknown_task > 0 && byStatus.slot_out_of_range > 0);

    // Every answer for one (slot, operator) is the same signed hit; a sample of them is proven.
    const signatures = new Map();
    for (const [i, answer] of answers.entries()) {
      if (answer.status !== 200) continue;
      const key = `${requests[i].slot}:${requests[i].operator}`;
      assert.equal(signatures.get(key) ?? answer.signature, answer.signature, key);
      signatures.set(key, answer.signature);
    }
    const primaries = answers.filter((answer) => answer.status === 200 && answer.hit.operator === schedule[answer.hit.slot][0][0]);
    const sample = [...new Map(primaries.map((answer) => [answer.hit.slot, answer])).values()].slice(0, 5);
    for (const answer of sample) assert.deepEqual(await avs.submit(keyOf[answer.hit.operator], [answer]), { proven: 1, rejected: [] });
  });

  it('a target that resets every connection: bounded connections for a slot, the status 0 reused', async () => {
    const taskId = await avs.createTask({ url: `${target.url}/reset`, method: 'GET', start: (await avs.latestTimestamp()) - 5, interval: 1, count: 10, tolerance: 60 });
    const [[primary]] = await avs.read('eligibleOperators', [taskId, 3]);
    const answers = await pool(Array.from({ length: 200 }, () => () => ask({ taskId: taskId.toString(), slot: 3, operator: primary })), 50);
    const connections = target.requests.filter((received) => received.url === '/reset').length;
    assert.ok(connections >= 1 && connections <= 1 + maxTransportRetries, `${connections} connections`);
    assert.ok(answers.every((answer) => answer.status === 200 && answer.hit.status === 0 && answer.call.reason === 'reset'));
    assert.equal(new Set(answers.map((answer) => answer.signature)).size, 1);
    assert.deepEqual(await avs.submit(keyOf[primary], [answers[0]]), { proven: 1, rejected: [] });
  });
});
