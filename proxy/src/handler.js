// The proxy's request handler, in Fleek's function shape: `{method, path, headers, query, body}`
// in, `{status, headers, body}` out. GET tells who this proxy is; POST runs one hit: check the
// request against the chain, call the target, sign the proof (or, with `cosign`, sign another
// proxy's proof of the same hit for a quorum task). Response shapes: proxy/README.md.

import { hexToBytes, keccak256, recoverAddress } from 'viem';
import { httpMethods } from './abi.js';
import { createLoadCache } from './cache.js';
import { createChainReader } from './chainReader.js';
import { ProxyError } from './errors.js';
import { parseHitRequest } from './hitRequest.js';
import { hitDigest } from './hitSigner.js';
import { checkOperatorMayFire, checkSlotIsLive } from './slotCheck.js';
import { callTarget } from './targetCaller.js';
import { createTargetGuard } from './targetGuard.js';

const userAgent = 'fleek-automator-proxy/0.1';
// Fleek stops a function after 15 s. Slow chain reads eat into the target's time, not past this,
// so the signed answer always goes out; 2 s are left for signing and answering.
const responseBudgetMs = 13_000;

/**
 * @param {object} deps
 * @param {import('./config.js').ProxyConfig} deps.config
 * @param {ReturnType<typeof import('./hitSigner.js').createHitSigner>} deps.signer
 * @param {() => number} [deps.now] the proxy's clock in unix ms (a devnet whose chain runs ahead of
 *   the wall clock passes its offset clock here)
 * @returns {(params: {method?: string, path?: string, headers?: object, query?: object, body?: unknown}) => Promise<{status: number, headers: Record<string, string>, body: string}>}
 */
export function createHandler({ config, signer, now = Date.now }) {
  const chain = createChainReader(config);
  const guard = createTargetGuard(config);
  const identity = { signer: signer.address, chainId: config.chainId, contracts: config.contracts };
  // One target call per (slot, operator): a repeated request, e.g. a retry or anyone replaying an
  // operator's request, gets the same signed answer until the operator's window closes, so the
  // proxy cannot be used to call a target many times. Status-0 answers are not kept: a retry
  // may reach a target that was down.
  const answers = createLoadCache({ ttlMs: 0, maxEntries: 5_000 });

  async function runHit(request, deadline) {
    if (request.chainId !== config.chainId) {
      throw new ProxyError(400, 'unknown_chain', `this proxy serves chain ${config.chainId}, not ${request.chainId}`);
    }
    if (!config.contracts.includes(request.contract)) {
      throw new ProxyError(400, 'unknown_contract', `this proxy does not serve the contract ${request.contract}`);
    }
    const { contract, taskId, slot, operator } = request;
    const [{ task, servedSlots, url, body }, registered] = await Promise.all([
      chain.readTask(contract, taskId),
      chain.isProxySigner(contract, signer.address),
    ]);
    if (!registered) {
      throw new ProxyError(503, 'signer_not_registered', `this proxy's key ${signer.address} is not a proxy signer of ${contract}`);
    }
    const dueMs = checkSlotIsLive({ taskId, slot, task, servedSlots, nowMs: now() });
    const { operators, earliest } = await chain.readEligibleOperators(contract, taskId, slot, now() >= dueMs);
    const window = { operators, earliest, tolerance: task.tolerance, slot };
    const windowEndMs = checkOperatorMayFire({ ...window, operator, nowMs: now() });
    if (request.cosign) return cosignAnswer(request, window, windowEndMs);

    const key = `${contract}:${taskId}:${slot}:${operator}`;
    const answer = await answers.get(key, () => callAndSign({ ...request, task, url, body, deadline }), windowEndMs - now());
    if (answer.hit.status === 0) answers.delete(key);
    return answer;
  }

  async function callAndSign({ contract, taskId, slot, operator, task, url, body, deadline }) {
    const method = httpMethods[task.method];
    const requestBody = hexToBytes(body);
    const idempotencyKey = `${config.chainId}:${contract}:${taskId}:${slot}`;
    const { result, hitTimeMs } = await callChecked({ url, method, requestBody, idempotencyKey, taskId, slot, deadline });
    const hit = { taskId, slot, operator, hitTimeMs: BigInt(hitTimeMs), status: result.status, responseHash: keccak256(result.body) };
    return signAnswer(contract, hit, {
      durationMs: Math.round(result.durationMs * 1000) / 1000,
      truncated: result.truncated,
      ...(result.failure ? { failure: result.failure } : {}),
    });
  }

  // A quorum task needs k signatures over one Hit, so the other k-1 proxies sign the Hit the
  // first one measured instead of calling the target again. A co-signer checks what it can: the
  // request as for a call, that the Hit's time lies in the operator's window and not in the
  // future, that a registered proxy other than itself signed it; and it co-signs one Hit per
  // (slot, operator), so a leaked key cannot shop around for variants.
  async function cosignAnswer({ contract, taskId, slot, operator, cosign }, window, windowEndMs) {
    const hit = { taskId, slot, operator, hitTimeMs: cosign.hitTimeMs, status: cosign.status, responseHash: cosign.responseHash };
    const hitTimeMs = Number(cosign.hitTimeMs);
    if (hitTimeMs > now() + 1_000) throw new ProxyError(400, 'bad_cosign', `the co-signed hit's time ${hitTimeMs} is in the future`);
    try {
      checkOperatorMayFire({ ...window, operator, nowMs: hitTimeMs });
    } catch (error) {
      throw new ProxyError(400, 'bad_cosign', `the co-signed hit's time is outside the operator's window: ${error.message}`);
    }
    const digest = hitDigest({ chainId: config.chainId, contract, hit });
    const firstSigner = await recoverAddress({ hash: digest, signature: cosign.signature }).catch(() => undefined);
    if (!firstSigner || firstSigner === signer.address || !(await chain.isProxySigner(contract, firstSigner))) {
      throw new ProxyError(403, 'bad_cosign', `the signature is not another registered proxy signer's over this hit (it recovers to ${firstSigner ?? 'nothing'})`);
    }
    const key = `${contract}:${taskId}:${slot}:${operator}:cosign`;
    const answer = await answers.get(key, () => signAnswer(contract, hit, { cosignedFrom: firstSigner }), windowEndMs - now());
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

  // A target the guard refuses is never called; the hit still gets a status-0 proof, because the
  // operator did its part and must not be penalized for the task owner's URL.
  async function callChecked({ url, method, requestBody, idempotencyKey, taskId, slot, deadline }) {
    let target;
    try {
      target = await guard.resolveTarget(url);
    } catch (error) {
      if (!(error instanceof ProxyError)) throw error;
      const failure = `${error.code}: ${error.message}`;
      return { hitTimeMs: now(), result: { status: 0, body: new Uint8Array(0), truncated: false, durationMs: 0, failure } };
    }
    const hitTimeMs = now();
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
    const result = await callTarget({
      ...target,
      method,
      body: requestBody,
      headers,
      timeoutMs: Math.max(100, Math.min(config.targetTimeoutMs, deadline - performance.now())),
      maxResponseBytes: config.maxResponseBytes,
    });
    return { hitTimeMs, result };
  }

  return async function handle(params) {
    const deadline = performance.now() + responseBudgetMs;
    try {
      const method = String(params?.method ?? '').toUpperCase();
      if (method === 'GET') return jsonResponse(200, identity);
      if (method !== 'POST') throw new ProxyError(405, 'method_not_allowed', `use POST for a hit or GET for the proxy's identity, not ${method || 'no method'}`);
      return jsonResponse(200, await runHit(parseHitRequest(params.body, config.maxRequestBytes), deadline));
    } catch (error) {
      if (error instanceof ProxyError) return jsonResponse(error.status, { error: error.code, message: error.message });
      console.error('proxy: unexpected error', error);
      return jsonResponse(500, { error: 'internal_error', message: 'the proxy failed unexpectedly; see its log' });
    }
  };
}

/** The task body is opaque bytes; a JSON-looking one is labelled as JSON for targets that parse it. */
function contentType(body) {
  const first = body.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  return first === 0x7b || first === 0x5b ? 'application/json' : 'application/octet-stream';
}

function jsonResponse(status, payload) {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
}
