// Calls a task's target once: connects to the address the guard checked (never resolving the
// name again), follows no redirect (a 3xx is the result), reads at most `maxResponseBytes` of the
// body, and gives up after `timeoutMs`. Any failure before the whole response is in is status 0.

import http from 'node:http';
import https from 'node:https';

// Keep-alive pools: an operator fleet calls the same targets every interval.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/**
 * @typedef {object} TargetResult
 * @property {number} status HTTP status, 0 when the call failed before the whole response was in
 * @property {Buffer} body the response body, at most maxResponseBytes of it
 * @property {boolean} truncated the body was longer than maxResponseBytes and was cut there
 * @property {number} durationMs from sending the request to the end of the response (or failure)
 * @property {string} [failure] why a status-0 call failed
 */

/**
 * @param {object} call
 * @param {URL} call.url
 * @param {string} call.address the checked address to connect to
 * @param {4 | 6} call.family
 * @param {string} call.method
 * @param {Uint8Array} call.body
 * @param {Record<string, string>} call.headers
 * @param {number} call.timeoutMs
 * @param {number} call.maxResponseBytes
 * @returns {Promise<TargetResult>}
 */
export function callTarget({ url, address, family, method, body, headers, timeoutMs, maxResponseBytes }) {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: performance.now() - started });
    };
    const fail = (failure) => finish({ status: 0, body: Buffer.alloc(0), truncated: false, failure });

    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method,
      agent: agents[url.protocol],
      headers: { ...headers, 'content-length': String(body.length) },
      lookup: (_hostname, options, callback) =>
        options.all ? callback(null, [{ address, family }]) : callback(null, address, family),
    });
    const timer = setTimeout(() => {
      fail(`no complete response within ${timeoutMs} ms`);
      request.destroy();
    }, timeoutMs);

    request.on('error', (error) => fail(error.code ?? error.message));
    request.on('response', (response) => {
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
      response.on('error', (error) => fail(error.code ?? error.message));
      response.on('aborted', () => fail('the target closed the connection mid-response'));
    });
    request.end(body);
  });
}
