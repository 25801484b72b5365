// End to end against anvil with the real contracts (deploy/lib/devchain.mjs): the proxy, served
// by the local runner, checks hit requests against the chain, calls a real local target, and
// signs proofs that submitHits accepts; replayed, altered and rotated-out proofs are refused;
// every chain-dependent refusal is exercised.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { concat, keccak256, verifyMessage } from 'viem';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { ANVIL_ADDRESSES, ANVIL_KEYS, startDevchain } from '../../deploy/lib/devchain.mjs';
import { startFunctionServer } from '../runner/server.js';
import { buildConfig } from '../src/config.js';
import { createHandler } from '../src/handler.js';
import { callSigningText, createHitSigner } from '../src/hitSigner.js';
import { automatorClient } from './helpers/automator.js';
import { startTarget } from './helpers/httpServers.js';

const operatorKeys = ANVIL_KEYS.slice(1, 4);
const keyOf = Object.fromEntries(operatorKeys.map((key, index) => [ANVIL_ADDRESSES[index + 1], key]));

describe('proxy against anvil and the real contracts', { timeout: 120_000 }, () => {
  const signerA = createHitSigner(generatePrivateKey());
  const signerC = createHitSigner(generatePrivateKey()); // a second proxy, for quorum tasks
  const keyB = generatePrivateKey();
  let chain;
  let avs;
  let target;
  let proxy;
  let config;
  let taskId; // interval 1 s, tolerance 300 s: slots 0..29 are all due now
  const body = '{"hello":"automator"}';

  before(async () => {
    [chain, target] = await Promise.all([
      startDevchain({ operatorKeys, proxySignerAddresses: [signerA.address, signerC.address], params: { epochLength: 1, activationDelay: 1 } }),
      startTarget((request, _body, response) => {
        if (request.url === '/slow') return setTimeout(() => response.end('late'), 3_000);
        if (request.url === '/big') return response.end(Buffer.alloc(50_000, 0x62));
        response.writeHead(request.url === '/fail' ? 500 : 200).end(`pong ${request.url}`);
      }),
    ]);
    avs = automatorClient(chain);
    config = buildConfig({ chainId: chain.deployment.chainId, rpcUrl: chain.rpcUrl, contracts: [avs.address], allowLoopback: true, signerCheckMs: 0 });
    proxy = await startFunctionServer({ handle: createHandler({ config, signer: signerA }), maxRequestBytes: config.maxRequestBytes });
    taskId = await avs.createTask({ url: `${target.url}/ok`, body, start: await avs.latestTimestamp() });
  }, { timeout: 300_000 }); // startDevchain may first wait for a forge build
  after(async () => {
    await proxy?.close();
    await target?.close();
    await chain?.stop();
  });

  const ask = async (request, url = proxy.url) => {
    const response = await fetch(url, { method: 'POST', body: JSON.stringify({ chainId: config.chainId, contract: avs.address, ...request }) });
    return { status: response.status, ...(await response.json()) };
  };
  const eligible = async (task, slot) => (await avs.read('eligibleOperators', [task, slot]))[0];
  const askAsPrimary = async (task, slot) => {
    const [primary] = await eligible(task, slot);
    return { primary, answer: await ask({ taskId: task.toString(), slot, operator: primary }) };
  };

  it('signs a hit that submitHits accepts, and the replay is refused', async () => {
    const { primary, answer } = await askAsPrimary(taskId, 0);
    assert.equal(answer.status, 200, answer.message);
    assert.deepEqual(
      { ...answer.hit, hitTimeMs: undefined },
      { taskId: taskId.toString(), slot: 0, operator: primary, hitTimeMs: undefined, status: 200, responseHash: keccak256(Buffer.from('pong /ok')) },
    );
    assert.equal(answer.signer, signerA.address);
    const onChainDigest = await avs.read('hitDigest', [{ ...answer.hit, taskId, hitTimeMs: BigInt(answer.hit.hitTimeMs) }]);
    assert.equal(answer.digest, onChainDigest);

    assert.deepEqual(await avs.submit(keyOf[primary], [answer]), { proven: 1, rejected: [] });
    assert.deepEqual(await avs.submit(keyOf[primary], [answer]), { proven: 0, rejected: ['AlreadyResolved'] });
  });

  it('sends the task body and headers the target can verify', async () => {
    const received = target.requests.find((request) => request.headers['x-automator-slot'] === '0');
    const headers = received.headers;
    assert.equal(received.method, 'POST');
    assert.equal(received.body.toString(), body);
    assert.equal(headers['content-type'], 'application/json');
    assert.equal(headers['x-automator-task'], taskId.toString());
    assert.equal(headers['x-automator-idempotency-key'], `${config.chainId}:${avs.address}:${taskId}:0`);
    const signers = await avs.read('proxySigners');
    assert.ok(signers.includes(headers['x-automator-signer']));
    const message = callSigningText({
      idempotencyKey: headers['x-automator-idempotency-key'],
      timestampMs: Number(headers['x-automator-timestamp']),
      method: received.method,
      url: `${target.url}/ok`,
      body: received.body,
    });
    assert.ok(await verifyMessage({ address: headers['x-automator-signer'], message, signature: headers['x-automator-signature'] }));
  });

  it('calls the target once per slot and operator: repeats get the same signed answer', async () => {
    const [[primary, backup], earliest] = await avs.read('eligibleOperators', [taskId, 5]);
    const request = { taskId: taskId.toString(), slot: 5, operator: primary };
    // The proxy serves an operator from shortly (2 s) before its own fire time, not before.
    const untilServed = (rank) => new Promise((resolve) => setTimeout(resolve, Math.max(0, (Number(earliest[rank]) - 2) * 1000 - Date.now() + 50)));
    await untilServed(0);
    const answers = await Promise.all([ask(request), ask(request)]);
    answers.push(await ask(request));
    assert.equal(answers[0].status, 200, answers[0].message);
    assert.equal(new Set(answers.map((answer) => answer.signature)).size, 1);
    const early = await ask({ ...request, operator: backup });
    if (Date.now() < (Number(earliest[1]) - 2) * 1000) assert.deepEqual([early.status, early.error], [425, 'too_early']);
    await untilServed(1);
    const backupAnswer = await ask({ ...request, operator: backup });
    assert.equal(backupAnswer.hit.operator, backup);
    assert.equal(target.requests.filter((received) => received.headers['x-automator-slot'] === '5').length, 2);
  });

  it('an altered proof is refused, the original then accepted', async () => {
    const { primary, answer } = await askAsPrimary(taskId, 1);
    const altered = [
      { ...answer, hit: { ...answer.hit, status: 201 } },
      { ...answer, hit: { ...answer.hit, hitTimeMs: (BigInt(answer.hit.hitTimeMs) + 1n).toString() } },
      { ...answer, hit: { ...answer.hit, responseHash: keccak256('0x00') } },
    ];
    assert.deepEqual(await avs.submit(keyOf[primary], altered), { proven: 0, rejected: ['BadSignature', 'BadSignature', 'BadSignature'] });
    const otherOperator = operatorKeys.find((key) => key !== keyOf[primary]);
    const asOther = await avs.submit(otherOperator, [answer]);
    assert.equal(asOther.proven, 0);
    assert.deepEqual(await avs.submit(keyOf[primary], [answer]), { proven: 1, rejected: [] });
  });

  it('signs a non-2xx status and a forbidden target as status 0, both accepted', async () => {
    const start = await avs.latestTimestamp();
    const failing = await avs.createTask({ url: `${target.url}/fail`, method: 'GET', start });
    const metadata = await avs.createTask({ url: 'http://169.254.169.254/latest/meta-data/', method: 'GET', start });
    const fail = await askAsPrimary(failing, 0);
    assert.equal(fail.answer.hit.status, 500);
    const forbidden = await askAsPrimary(metadata, 0);
    assert.equal(forbidden.answer.status, 200);
    assert.equal(forbidden.answer.hit.status, 0);
    assert.match(forbidden.answer.call.failure, /target_forbidden.*link-local/);
    assert.deepEqual(await avs.submit(keyOf[fail.primary], [fail.answer]), { proven: 1, rejected: [] });
    assert.deepEqual(await avs.submit(keyOf[forbidden.primary], [forbidden.answer]), { proven: 1, rejected: [] });
  });

  it('signs a timed-out call as status 0 and hashes only the capped part of a large response', async () => {
    const start = await avs.latestTimestamp();
    const slow = await avs.createTask({ url: `${target.url}/slow`, method: 'GET', start });
    const big = await avs.createTask({ url: `${target.url}/big`, method: 'GET', start });
    const tight = createHandler({ config: buildConfig({ ...config, targetTimeoutMs: 300, maxResponseBytes: 1_000 }), signer: signerA });
    const run = async (task) => {
      const [operator] = await eligible(task, 0);
      const body = JSON.stringify({ chainId: config.chainId, contract: avs.address, taskId: task.toString(), slot: 0, operator });
      return { operator, answer: JSON.parse((await tight({ method: 'POST', body })).body) };
    };
    const timedOut = await run(slow);
    assert.equal(timedOut.answer.hit.status, 0);
    assert.match(timedOut.answer.call.failure, /within 300 ms/);
    const cut = await run(big);
    assert.equal(cut.answer.hit.status, 200);
    assert.equal(cut.answer.call.truncated, true);
    assert.equal(cut.answer.hit.responseHash, keccak256(Buffer.alloc(1_000, 0x62)));
    assert.deepEqual(await avs.submit(keyOf[timedOut.operator], [timedOut.answer]), { proven: 1, rejected: [] });
  });

  it('refuses unknown tasks, slots past the end, ineligible operators and cancelled tasks', async () => {
    const [primary] = await eligible(taskId, 2);
    const unknown = await ask({ taskId: '999999', slot: 0, operator: primary });
    assert.deepEqual([unknown.status, unknown.error], [404, 'unknown_task']);
    const pastEnd = await ask({ taskId: taskId.toString(), slot: 30, operator: primary });
    assert.deepEqual([pastEnd.status, pastEnd.error], [400, 'slot_out_of_range']);
    const stranger = await ask({ taskId: taskId.toString(), slot: 2, operator: ANVIL_ADDRESSES[7] });
    assert.deepEqual([stranger.status, stranger.error], [403, 'not_eligible']);

    const later = await avs.createTask({ url: `${target.url}/ok`, start: (await avs.latestTimestamp()) + 600, tolerance: 5 });
    await avs.cancelTask(later);
    const cancelled = await ask({ taskId: later.toString(), slot: 0, operator: primary });
    assert.deepEqual([cancelled.status, cancelled.error], [410, 'task_cancelled']);
  });

  it('refuses outside the window: too early, too late, a backup before its turn', async () => {
    const start = (await avs.latestTimestamp()) + 30;
    const task = await avs.createTask({ url: `${target.url}/ok`, start, tolerance: 1 });
    const [primary, backup] = await eligible(task, 0);
    const early = await ask({ taskId: task.toString(), slot: 0, operator: primary });
    assert.deepEqual([early.status, early.error], [425, 'too_early']);

    // The same proxy with its clock set to the slot's due time (primary's turn) and past the window.
    const at = async (nowMs, operator) => {
      const handle = createHandler({ config, signer: signerA, now: () => nowMs });
      const response = await handle({ method: 'POST', body: JSON.stringify({ chainId: config.chainId, contract: avs.address, taskId: task.toString(), slot: 0, operator }) });
      return { status: response.status, ...JSON.parse(response.body) };
    };
    const backupEarly = await at(start * 1000, backup);
    assert.deepEqual([backupEarly.status, backupEarly.error], [425, 'too_early']);
    assert.match(backupEarly.message, /backup 1/);
    const late = await at((start + 60) * 1000, primary);
    assert.deepEqual([late.status, late.error], [410, 'too_late']);
  });

  it('a quorum-2 task is proven with a second proxy co-signing the first one\'s hit', async () => {
    const task = await avs.createTask({ url: `${target.url}/ok`, start: await avs.latestTimestamp(), quorum: 2 });
    const proxyC = createHandler({ config, signer: signerC });
    const cosign = async (operator, answer) => {
      const { hitTimeMs, status, responseHash } = answer.hit;
      const request = { chainId: config.chainId, contract: avs.address, taskId: task.toString(), slot: 0, operator, cosign: { hitTimeMs, status, responseHash, signature: answer.signature } };
      const response = await proxyC({ method: 'POST', body: JSON.stringify(request) });
      return { status: response.status, ...JSON.parse(response.body) };
    };
    const { primary, answer } = await askAsPrimary(task, 0);
    const second = await cosign(primary, answer);
    assert.equal(second.status, 200, second.message);
    assert.deepEqual([second.digest, second.signer, second.call.cosignedFrom], [answer.digest, signerC.address, signerA.address]);

    const forged = await signerA.signHit({ chainId: config.chainId, contract: avs.address, hit: { ...answer.hit, taskId: task, hitTimeMs: BigInt(answer.hit.hitTimeMs), status: 201 } });
    const variant = await cosign(primary, { hit: { ...answer.hit, status: 201 }, signature: forged.signature });
    assert.deepEqual([variant.status, variant.error], [409, 'already_cosigned']);
    const wrong = await cosign(primary, { hit: { ...answer.hit, status: 202 }, signature: answer.signature });
    assert.deepEqual([wrong.status, wrong.error], [403, 'bad_cosign']);
    const own = await cosign(primary, second);
    assert.deepEqual([own.status, own.error], [403, 'bad_cosign']);

    assert.deepEqual(await avs.submit(keyOf[primary], [answer]), { proven: 0, rejected: ['BadSignature'] });
    const bySigner = [answer, second].sort((x, y) => (BigInt(x.signer) < BigInt(y.signer) ? -1 : 1));
    const both = { hit: answer.hit, signature: concat(bySigner.map((signed) => signed.signature)) };
    assert.deepEqual(await avs.submit(keyOf[primary], [both]), { proven: 1, rejected: [] });
  });

  it('after rotateProxySigner the old key refuses and its proofs are refused; the new key works', async () => {
    const old = await askAsPrimary(taskId, 3);
    assert.equal(old.answer.status, 200);
    await avs.rotateProxySigner(signerA.address, privateKeyToAddress(keyB));

    const rotatedOut = await ask({ taskId: taskId.toString(), slot: 4, operator: (await eligible(taskId, 4))[0] });
    assert.deepEqual([rotatedOut.status, rotatedOut.error], [503, 'signer_not_registered']);
    assert.deepEqual(await avs.submit(keyOf[old.primary], [old.answer]), { proven: 0, rejected: ['BadSignature'] });

    const proxyB = await startFunctionServer({ handle: createHandler({ config, signer: createHitSigner(keyB) }), maxRequestBytes: config.maxRequestBytes });
    try {
      const [primary] = await eligible(taskId, 3);
      const fresh = await ask({ taskId: taskId.toString(), slot: 3, operator: primary }, proxyB.url);
      assert.equal(fresh.signer, privateKeyToAddress(keyB));
      assert.deepEqual(await avs.submit(keyOf[primary], [fresh]), { proven: 1, rejected: [] });
    } finally {
      await proxyB.close();
    }
  });
});
