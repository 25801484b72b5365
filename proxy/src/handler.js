// The proxy's request handler, in Fleek's function shape: `{method, path, headers, query, body}`
// in, `{status, headers, body}` out. GET tells who this proxy is; POST runs one hit: check the
// request against the chain, call the target (once per slot and rank, whoever asks), sign the
// proof (or, with `cosign`, sign another proxy's proof of the same hit for a quorum task).
// Response shapes: proxy/README.md.
//
// The hit's time is the proxy's clock when it starts serving the request, before the chain
// reads, the DNS lookup, the connection and the call: the operator asked then, inside its
// window, and nothing the target (or its DNS) does afterwards can move the proof out of it.

import { hexToBytes, keccak256, recoverAddress } from 'viem';
import { httpMethods } from './abi.js';
import { createLoadCache } from './cache.js';
import { createChainReader } from './chainReader.js';
import { ProxyError } from './errors.js';
import { failureReason } from './failureReason.js';
import { parseHitRequest } from './hitRequest.js';
import { hitDigest } from './hitSigner.js';
import { createSlotCalls } from './slotCalls.js';
import { checkOperatorMayFire, checkSlotIsLive, dueLeadMs } from './slotCheck.js';
import { callTarget } from './targetCaller.js';
import { createTargetGuard } from './targetGuard.js';
import { createOptInCheck } from './targetOptIn.js';

const userAgent = 'fleek-automator-proxy/0.1';
// Fleek stops a function after 15 s. Slow chain reads eat into the target's time, not past this,
// so the signed answer always goes out; 2 s are left for signing and answering.
const responseBudgetMs = 13_000;
// A quorum hit reaches its co-signers only after the first proxy's call, which may end after the
// operator's window (a slow target); its time is inside the window all the same. Co-signing is
// accepted that much past the window, and no later.
const cosignGraceMs = responseBudgetMs + 2_000;
// Target calls whose windows are open, kept so each (slot, rank) is called once: ~800 bytes
// each (measured), so ~16 MB at most, inside Fleek's 50 MiB; past that, the entries of the task
// holding the most go first (slotCalls.js). 20,000 is ~65 new hits/s with 300 s tolerances.
const maxOpenCalls = 20_000;

/**
 * @param {object} deps
 * @param {import('./config.js').ProxyConfig} deps.config
 * @param {ReturnType<typeof import('./hitSigner.js').createHitSigner>} deps.signer
 * @param {() => number} [deps.now] the proxy's clock in unix ms (a devnet whose chain runs ahead of
 *   the wall clock passes its offset clock here)
 * @param {(host: string) => Promise<{address: string, family: 4 | 6}[]>} [deps.lookup] resolves
 *   target names instead of the system or configured DNS servers (tests: a slow resolver)
 * @returns {(params: {method?: string, path?: string, headers?: object, query?: object, body?: unknown}) => Promise<{status: number, headers: Record<string, string>, body: string}>}
 */
export function createHandler({ config, signer, now = Date.now, lookup }) {
  const chain = createChainReader(config);
  const guard = createTargetGuard(config, lookup);
  const optIns = config.requireTargetOptIn ? createOptInCheck(config, { userAgent }) : null;
  const identity = { signer: signer.address, chainId: config.chainId, contracts: config.contracts };
  // One target call per (slot, rank) while its window is open, status 0 included: a retry, a
  // replay or a flood gets the same measured hit; see slotCalls.js (never refuses; evicts fairly).
  const calls = createSlotCalls({ maxEntries: maxOpenCalls, now });
  // The signed answers of those calls (and co-signatures); evicting one only costs a signature.
  const answers = createLoadCache({ ttlMs: 0, maxEntries: 5_000, now });

  async function runHit(request, servedAtMs, deadline) {
    if (request.chainId !== config.chainId) {
      throw new ProxyError(400, 'unknown_chain', `this proxy serves chain ${config.chainId}, not ${request.chainId}`);
    }
    if (!config.contracts.includes(request.contract)) {
      throw new ProxyError(400, 'unknown_contract', `this proxy does not serve the contract ${request.contract}`);
    }
    const { contract, taskId, slot, operator } = request;
    const [{ task, servedSlots, url, body }, registered, params] = await Promise.all([
      chain.readTask(contract, taskId),
      chain.isProxySigner(contract, signer.address),
      chain.readParams(contract),
    ]);
    if (!registered) {
      throw new ProxyError(503, 'signer_not_registered', `this proxy's key ${signer.address} is not a proxy signer of ${contract}`);
    }
    const lastFireOffsetMs = Math.max(0, Number(params.redundancy) - 1) * Number(params.failoverDelay) * 1000;
    const graceMs = request.cosign ? cosignGraceMs : 0;
    const dueMs = checkSlotIsLive({ taskId, slot, task, servedSlots, nowMs: servedAtMs, lastFireOffsetMs, graceMs });
    const { operators, earliest } = await chain.readEligibleOperators(contract, taskId, slot, servedAtMs >= dueMs);
    const window = { operators, earliest, tolerance: task.tolerance, slot, operator };
    if (request.cosign) {
      const windowEndMs = checkOperatorMayFire({ ...window, nowMs: servedAtMs, graceMs });
      return cosignAnswer(request, window, windowEndMs + graceMs);
    }
    const windowEndMs = checkOperatorMayFire({ ...window, nowMs: servedAtMs, leadMs: dueLeadMs(task.tolerance) });
    const callKey = `${contract}:${taskId}:${slot}:${operators.indexOf(operator)}`;
    const measured = await calls.get(
      callKey,
      `${contract}:${taskId}`,
      () => measure({ contract, taskId, slot, task, url, body, hitTimeMs: servedAtMs, deadline }),
      windowEndMs,
    );
    const hit = { taskId, slot, operator, hitTimeMs: BigInt(measured.hitTimeMs), status: measured.status, responseHash: measured.responseHash };
    return answers.get(`${callKey}:${operator}`, () => signAnswer(contract, hit, measured.call), windowEndMs - now());
  }

  // The target call of one (slot, rank): never rejects on what the target or its name does (that
  // is a status-0 result with its reason), so the result is kept like any other.
  async function measure({ contract, taskId, slot, task, url, body, hitTimeMs, deadline }) {
    const method = httpMethods[task.method];
    const requestBody = hexToBytes(body);
    const idempotencyKey = `${config.chainId}:${contract}:${taskId}:${slot}`;
    const started = performance.now();
    // The lookup and the call each get the target timeout, both within the answer's deadline.
    const budgetMs = () => Math.max(100, Math.min(config.targetTimeoutMs, deadline - performance.now()));
    let result;
    try {
      // A forbidden target is never called; the hit still gets a status-0 proof, because the
      // operator did its part and must not be penalized for the task owner's URL.
      const lookupMs = budgetMs();
      const target = await withTimeout(guard.resolveTarget(url), lookupMs, () =>
        new ProxyError(502, 'target_unresolved', `the target host did not resolve within ${Math.round(lookupMs)} ms`));
      const optIn = await optIns?.check(target, contract);
      if (optIn && !optIn.ok) throw new ProxyError(403, 'target_not_opted_in', `the target has not opted in to calls from this AVS: ${optIn.why}`);
      const signature = await signer.signCall({ idempotencyKey, timestampMs: hitTimeMs, method, url, body: requestBody });
      const headers = {
        'user-agent': userAgent,
        'x-automator-task': taskId.toString(),
        'x-automator-slot': String(slot),
        'x-automator-idempotency-key': idempotencyKey,
        'x-automator-timestamp': String(hitTimeMs),
        'x-automator-signer': signer.address,
        'x-automator-signature': signature,
        ...(requestBody.length ? { 'content-type': contentType(requestBody) } : {}),
      };
      result = await callTarget({ ...target, method, body: requestBody, headers, timeoutMs: budgetMs(), maxResponseBytes: config.maxResponseBytes });
    } catch (error) {
      if (!(error instanceof ProxyError)) throw error;
      result = { status: 0, body: new Uint8Array(0), truncated: false, attempts: 0, reason: failureReason(error), failure: `${error.code}: ${error.message}` };
    }
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    if (result.status === 0) {
      console.log(`proxy: task ${taskId} slot ${slot}: status 0 (${result.reason}) after ${durationMs} ms, ${result.attempts} connection(s): ${result.failure}`);
    }
    return {
      hitTimeMs,
      status: result.status,
      responseHash: keccak256(result.body),
      call: {
        durationMs,
        truncated: result.truncated,
        attempts: result.attempts,
        ...(result.status === 0 ? { reason: result.reason, failure: result.failure } : {}),
      },
    };
  }

  // A quorum task needs k signatures over one Hit, so the other k-1 proxies sign the Hit the
  // first one measured instead of calling the target again. A co-signer checks what it can: the
  // request as for a call, that the Hit's time lies in the operator's window and not in the
  // future, that a registered proxy other than itself signed it; and it co-signs one Hit per
  // (slot, operator), so a leaked key cannot shop around for variants.
  async function cosignAnswer({ contract, taskId, slot, operator, cosign }, window, keepUntilMs) {
    const hit = { taskId, slot, operator, hitTimeMs: cosign.hitTimeMs, status: cosign.status, responseHash: cosign.responseHash };
    const hitTimeMs = Number(cosign.hitTimeMs);
    if (hitTimeMs > now() + 1_000) throw new ProxyError(400, 'bad_cosign', `the co-signed hit's time ${hitTimeMs} is in the future`);
    try {
      checkOperatorMayFire({ ...window, nowMs: hitTimeMs });
    } catch (error) {
      throw new ProxyError(400, 'bad_cosign', `the co-signed hit's time is outside the operator's window: ${error.message}`);
    }
    const digest = hitDigest({ chainId: config.chainId, contract, hit });
    const firstSigner = await recoverAddress({ hash: digest, signature: cosign.signature }).catch(() => undefined);
    if (!firstSigner || firstSigner === signer.address || !(await chain.isProxySigner(contract, firstSigner))) {
      throw new ProxyError(403, 'bad_cosign', `the signature is not another registered proxy signer's over this hit (it recovers to ${firstSigner ?? 'nothing'})`);
    }
    const key = `${contract}:${taskId}:${slot}:${operator}:cosign`;
    const answer = await answers.get(key, () => signAnswer(contract, hit, { cosignedFrom: firstSigner }), keepUntilMs - now());
    if (answer.digest !== digest) {
      throw new ProxyError(409, 'already_cosigned', `this proxy already co-signed a different hit for slot ${slot} of task ${taskId} and operator ${operator}`);
    }
    return answer;
  }

  async function signAnswer(contract, hit, call) {
    const { digest, signature } = await signer.signHit({ chainId: config.chainId, contract, hit });
    return {
      hit: { ...hit, taskId: hit.taskId.toString(), hitTimeMs: hit.hitTimeMs.toString() },
      signer: signer.address,
      signature,
      digest,
      chainId: config.chainId,
      contract,
      call,
    };
  }

  return async function handle(params) {
    const servedAtMs = now();
    const deadline = performance.now() + responseBudgetMs;
    try {
      const method = String(params?.method ?? '').toUpperCase();
      if (method === 'GET') return jsonResponse(200, identity);
      if (method !== 'POST') throw new ProxyError(405, 'method_not_allowed', `use POST for a hit or GET for the proxy's identity, not ${method || 'no method'}`);
      return jsonResponse(200, await runHit(parseHitRequest(params.body, config.maxRequestBytes), servedAtMs, deadline));
    } catch (error) {
      if (error instanceof ProxyError) return jsonResponse(error.status, { error: error.code, message: error.message });
      console.error('proxy: unexpected error', error);
      return jsonResponse(500, { error: 'internal_error', message: 'the proxy failed unexpectedly; see its log' });
    }
  };
}

/** `promise`, or a rejection with `timeoutError()` after `ms`. */
function withTimeout(promise, ms, timeoutError) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The task body is opaque bytes; a JSON-looking one is labelled as JSON for targets that parse it. */
function contentType(body) {
  const first = body.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  return first === 0x7b || first === 0x5b ? 'application/json' : 'application/octet-stream';
}

function jsonResponse(status, payload) {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
}
