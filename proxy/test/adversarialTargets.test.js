// Time is the operator's, not the target's: against anvil and the real contracts, for tasks with
// a tolerance of 1 s, a target that resolves slowly or not at all, answers its headers late,
// hangs, resets, sends a huge body, redirects, or resolves (slowly) to a forbidden address still
// gets a proof, timed when the operator asked, that submitHits accepts: for the primary and for
// a backup, with quorum 1 and with quorum 2 (a second proxy co-signing after the slow call).
// With requireTargetOptIn, a target whose origin does not publish its opt-in is never called and
// its hit is a status-0 proof (reason not_opted_in) that is accepted too.
// The slow and failing names come from an injected resolver that really waits (the seam
// createHandler offers); every target is a real local server.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { concat } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import { ANVIL_ADDRESSES, ANVIL_KEYS, startDevchain } from '../../deploy/lib/devchain.mjs';
import { buildConfig } from '../src/config.js';
import { createHandler } from '../src/handler.js';
import { createHitSigner } from '../src/hitSigner.js';
import { optInPath } from '../src/targetOptIn.js';
import { automatorClient } from './helpers/automator.js';
import { startTarget } from './helpers/httpServers.js';

const operatorKeys = ANVIL_KEYS.slice(1, 4);
const keyOf = Object.fromEntries(operatorKeys.map((key, index) => [ANVIL_ADDRESSES[index + 1], key]));
const slowMs = 1_200; // longer than the tolerance
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

describe('adversarial targets: every hit asked in time is proven', { timeout: 240_000 }, () => {
  const signerA = createHitSigner(generatePrivateKey());
  const signerC = createHitSigner(generatePrivateKey());
  let chain;
  let avs;
  let target;
  let proxyA;
  let proxyC;
  let proxyOptIn; // proxy A's key, with requireTargetOptIn

  before(async () => {
    [chain, target] = await Promise.all([
      startDevchain({ operatorKeys, proxySignerAddresses: [signerA.address, signerC.address], params: { epochLength: 1, activationDelay: 1, failoverDelay: 2 } }),
      startTarget((request, _body, response) => {
        const path = new URL(request.url, 'http://x').pathname;
        if (path === optInPath) {
          if (!request.headers.host.startsWith('opted.test')) return response.writeHead(404).end();
          return response.end(JSON.stringify({ automators: [`eip155:${chain.deployment.chainId}:${chain.deployment.automator}`] }));
        }
        if (path === '/slow-headers') return setTimeout(() => response.end('late but whole'), slowMs);
        if (path === '/hang') return undefined;
        if (path === '/reset') return request.socket.resetAndDestroy();
        if (path === '/huge') return response.end(Buffer.alloc(2 * 1_048_576, 0x68));
        if (path === '/redirect') return response.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
        response.end('ok');
      }),
    ]);
    avs = automatorClient(chain);
    const config = buildConfig({ chainId: chain.deployment.chainId, rpcUrl: chain.rpcUrl, contracts: [avs.address], allowLoopback: true, targetTimeoutMs: 6_000 }); // room for a loaded CI machine
    // A resolver that really waits: slow names answer after slowMs, dead ones fail after it.
    const lookup = async (host) => {
      await sleep(host.startsWith('slow') || host.startsWith('dead') ? slowMs : 0);
      if (host.startsWith('dead')) throw Object.assign(new Error(`${host}: no such name`), { code: 'ENOTFOUND' });
      return [{ address: host.startsWith('slow-metadata') ? '169.254.169.254' : '127.0.0.1', family: 4 }];
    };
    proxyA = createHandler({ config, signer: signerA, lookup });
    proxyC = createHandler({ config, signer: signerC, lookup });
    proxyOptIn = createHandler({ config: buildConfig({ ...config, requireTargetOptIn: true }), signer: signerA, lookup });
  }, { timeout: 300_000 });
  after(async () => {
    await target?.close();
    await chain?.stop();
  });

  const post = async (handle, request) => {
    const response = await handle({ method: 'POST', body: JSON.stringify({ chainId: chain.deployment.chainId, contract: avs.address, ...request }) });
    return { status: response.status, ...JSON.parse(response.body) };
  };

  it('proves all of them: behaviours x primary and backup x quorum 1 and 2', async () => {
    const port = target.port;
    const behaviours = {
      ok: [`http://127.0.0.1:${port}/ok`, { status: 200 }],
      'slow DNS': [`http://slow.test:${port}/ok`, { status: 200 }],
      'failing DNS': [`http://dead.test:${port}/ok`, { status: 0, reason: 'dns' }],
      'slow headers': [`http://127.0.0.1:${port}/slow-headers`, { status: 200 }],
      hang: [`http://127.0.0.1:${port}/hang`, { status: 0, reason: 'timeout' }],
      reset: [`http://127.0.0.1:${port}/reset`, { status: 0, reason: 'reset' }],
      'huge body': [`http://127.0.0.1:${port}/huge`, { status: 200, truncated: true }],
      redirect: [`http://127.0.0.1:${port}/redirect`, { status: 302 }],
      'slow DNS to a forbidden address': [`http://slow-metadata.test:${port}/latest/meta-data/`, { status: 0, reason: 'forbidden' }],
    };
    const start = (await avs.latestTimestamp()) + 4 + Math.ceil(Object.keys(behaviours).length * 4 * 0.15);
    const cases = [];
    for (const [name, [url, expected]] of Object.entries(behaviours)) {
      for (const quorum of [1, 2]) {
        for (const rank of [0, 1]) {
          const taskId = await avs.createTask({ url, method: 'GET', start, interval: 60, count: 1, tolerance: 1, quorum });
          cases.push({ name, expected, quorum, rank, taskId });
        }
      }
    }
    assert.ok((await avs.latestTimestamp()) < start - 1, 'the tasks were created before their slot was due');

    const results = await Promise.all(cases.map(async (c) => {
      const [operators, earliest] = await avs.read('eligibleOperators', [c.taskId, 0]);
      const operator = operators[c.rank];
      const fireAtMs = Number(earliest[c.rank]) * 1000;
      await sleep(fireAtMs + 50 - Date.now()); // the operator asks 50 ms after its fire time
      const request = { taskId: c.taskId.toString(), slot: 0, operator };
      const first = await post(proxyA, request);
      assert.equal(first.status, 200, `${c.name}: ${first.message}`);
      let proof = first;
      if (c.quorum === 2) {
        const { hitTimeMs, status, responseHash } = first.hit;
        const second = await post(proxyC, { ...request, cosign: { hitTimeMs, status, responseHash, signature: first.signature } });
        assert.equal(second.status, 200, `${c.name} co-signed: ${second.message}`);
        const bySigner = [first, second].sort((x, y) => (BigInt(x.signer) < BigInt(y.signer) ? -1 : 1));
        proof = { hit: first.hit, signature: concat(bySigner.map((signed) => signed.signature)) };
      }
      return { ...c, operator, fireAtMs, first, proof };
    }));

    for (const r of results) {
      const label = `${r.name}, ${r.rank ? 'backup' : 'primary'}, quorum ${r.quorum}`;
      assert.equal(r.first.hit.status, r.expected.status, `${label}: ${JSON.stringify(r.first.call)}`);
      if (r.expected.reason) assert.equal(r.first.call.reason, r.expected.reason, `${label}: ${JSON.stringify(r.first.call)}`);
      if (r.expected.truncated) assert.equal(r.first.call.truncated, true, label);
      const lateMs = Number(r.first.hit.hitTimeMs) - r.fireAtMs;
      // Asked 50 ms after the fire time (more on a loaded machine), and timed then: not after the
      // slow lookup or call, which alone take longer than the tolerance.
      assert.ok(lateMs >= 0 && lateMs < slowMs - 200, `${label}: the hit is timed ${lateMs} ms after the fire time, not when the asking started`);
    }
    const slow = results.find((r) => r.name === 'slow DNS');
    assert.ok(slow.first.call.durationMs >= slowMs, 'the slow resolver really was slow');

    const byOperator = new Map();
    for (const r of results) byOperator.set(r.operator, [...(byOperator.get(r.operator) ?? []), r]);
    let proven = 0;
    for (const [operator, own] of byOperator) {
      const outcome = await avs.submit(keyOf[operator], own.map((r) => r.proof));
      assert.deepEqual(outcome.rejected, [], `${operator}: ${outcome.rejected}`);
      proven += outcome.proven;
    }
    assert.equal(proven, cases.length);
    for (const r of results) assert.equal(Number(await avs.read('slotState', [r.taskId, 0])), 1, `${r.name}: slot proven on chain`);
  });

  it('with requireTargetOptIn, calls only a target that opted in; the other gets an accepted status-0 proof', async () => {
    const start = (await avs.latestTimestamp()) + 2;
    const opted = await avs.createTask({ url: `http://opted.test:${target.port}/ok?opted`, method: 'GET', start, interval: 60, count: 1, tolerance: 30 });
    const stranger = await avs.createTask({ url: `http://127.0.0.1:${target.port}/ok?stranger`, method: 'GET', start, interval: 60, count: 1, tolerance: 30 });
    await sleep(start * 1000 + 50 - Date.now());
    const proofs = [];
    for (const taskId of [opted, stranger]) {
      const [[primary]] = await avs.read('eligibleOperators', [taskId, 0]);
      const answer = await post(proxyOptIn, { taskId: taskId.toString(), slot: 0, operator: primary });
      assert.equal(answer.status, 200, answer.message);
      proofs.push({ primary, answer });
    }
    assert.equal(proofs[0].answer.hit.status, 200);
    assert.deepEqual([proofs[1].answer.hit.status, proofs[1].answer.call.reason], [0, 'not_opted_in']);
    assert.match(proofs[1].answer.call.failure, /does not list|HTTP 404/);
    assert.equal(target.requests.filter((request) => request.url === '/ok?stranger').length, 0);
    assert.equal(target.requests.filter((request) => request.url === '/ok?opted').length, 1);
    for (const { primary, answer } of proofs) assert.deepEqual(await avs.submit(keyOf[primary], [answer]), { proven: 1, rejected: [] });
  });
});
