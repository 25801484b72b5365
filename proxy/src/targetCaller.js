// Calls a task's target: connects to the address the guard checked (never resolving the name
// again), follows no redirect (a 3xx is the result), reads at most `maxResponseBytes` of the
// body, and gives up after `timeoutMs`. A connection that fails before any byte of the response
// arrived (a kept-alive socket the target had closed, a reset, a refusal) is tried again on a
// fresh connection, at most `maxRetries` times within the same time budget. Any failure before
// the whole response is in is status 0, with the reason (failureReason.js).

import http from 'node:http';
import https from 'node:https';
import { failureReason, isRetryableTransportFailure } from './failureReason.js';

// Keep-alive pools: an operator fleet calls the same targets every interval.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};
// A retry on a fresh connection waits this much after a failed fresh one (a reused socket that
// the target had closed is retried at once), and needs this much budget left to be worth it.
const retryPauseMs = 100;
const minRetryBudgetMs = 200;
export const maxTransportRetries = 2;

/**
 * @typedef {object} TargetResult
 * @property {number} status HTTP status, 0 when the call failed before the whole response was in
 * @property {Buffer} body the response body, at most maxResponseBytes of it
 * @property {boolean} truncated the body was longer than maxResponseBytes and was cut there
 * @property {number} durationMs from sending the first request to the end of the response (or failure)
 * @property {number} attempts connections tried (1 + transport retries)
 * @property {string} [failure] why a status-0 call failed (its last connection), for a human
 * @property {string} [reason] why a status-0 call failed, one of failureReasons
 */

/**
 * @param {object} call
 * @param {URL} call.url
 * @param {string} call.address the checked address to connect to
 * @param {4 | 6} call.family
 * @param {string} call.method
 * @param {Uint8Array} call.body
 * @param {Record<string, string>} call.headers
 * @param {number} call.timeoutMs for the whole call, retries included
 * @param {number} call.maxResponseBytes
 * @param {number} [call.maxRetries] fresh-connection retries after a failure before any response byte
 * @returns {Promise<TargetResult>}
 */
export async function callTarget({ maxRetries = maxTransportRetries, timeoutMs, ...call }) {
  const started = performance.now();
  const deadline = started + timeoutMs;
  let result;
  let attempts = 0;
  for (;;) {
    attempts++;
    result = await callOnce({ ...call, fresh: attempts > 1, timeoutMs: Math.max(1, deadline - performance.now()) });
    if (result.status !== 0) break;
    const retry = !result.responseStarted && isRetryableTransportFailure(result.reason) && attempts <= maxRetries;
    const pause = result.reusedSocket ? 0 : retryPauseMs * attempts;
    if (!retry || deadline - performance.now() - pause < minRetryBudgetMs) break;
    if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
    if (deadline - performance.now() < minRetryBudgetMs) break;
  }
  const { responseStarted, reusedSocket, ...kept } = result;
  return { ...kept, attempts, durationMs: performance.now() - started };
}

/** One request on one connection: pooled, or a fresh one for a retry. */
function callOnce({ url, address, family, method, body, headers, timeoutMs, maxResponseBytes, fresh }) {
  return new Promise((resolve) => {
    let settled = false;
    let responseStarted = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, responseStarted, reusedSocket: Boolean(request.reusedSocket) });
    };
    const fail = (reason, failure) => finish({ status: 0, body: Buffer.alloc(0), truncated: false, reason, failure });
    const failWith = (error) => fail(failureReason(error), error.code ?? error.message);

    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method,
      agent: fresh ? false : agents[url.protocol],
      headers: { ...headers, 'content-length': String(body.length) },
      lookup: (_hostname, options, callback) =>
        options.all ? callback(null, [{ address, family }]) : callback(null, address, family),
    });
    const timer = setTimeout(() => {
      fail('timeout', `no complete response within ${Math.round(timeoutMs)} ms`);
      request.destroy();
    }, timeoutMs);

    request.on('error', failWith);
    request.on('response', (response) => {
      responseStarted = true;
      const chunks = [];
      let length = 0;
      response.on('data', (chunk) => {
        const room = maxResponseBytes - length;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          finish({ status: response.statusCode, body: Buffer.concat(chunks, maxResponseBytes), truncated: true });
          request.destroy();
          return;
        }
        chunks.push(chunk);
        length += chunk.length;
      });
      response.on('end', () => finish({ status: response.statusCode, body: Buffer.concat(chunks, length), truncated: false }));
      response.on('error', failWith);
      response.on('aborted', () => fail('aborted', 'the target closed the connection mid-response'));
    });
    request.end(body);
  });
}
