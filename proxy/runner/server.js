// Serves a Fleek-shaped handler over plain HTTP the way Fleek calls a function: each request
// becomes `{method, path, headers, query, body}` and the returned `{status, headers, body}`
// becomes the response. Keep-alive connections; the request body is capped before buffering.

import http from 'node:http';
import { ProxyError } from '../src/errors.js';

/**
 * @param {object} options
 * @param {(params: object) => Promise<{status: number, headers?: Record<string, string>, body?: unknown}>} options.handle
 * @param {number} options.maxRequestBytes bodies beyond this are refused with 413 without reading them
 * @param {number} [options.port] 0 picks a free port
 * @param {string} [options.host]
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function startFunctionServer({ handle, maxRequestBytes, port = 0, host = '127.0.0.1' }) {
  const server = http.createServer({ keepAliveTimeout: 65_000, requestTimeout: 20_000 }, (request, response) => {
    readBody(request, maxRequestBytes).then(
      async (body) => writeResult(response, await handle(toParams(request, body))),
      (error) =>
        writeResult(response, {
          status: error.status ?? 400,
          headers: { connection: 'close' },
          body: { error: error.code ?? 'bad_request', message: error.message },
        }),
    );
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const { address, port: bound } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${bound}`,
    close: () => closeGracefully(server),
  };
}

function toParams(request, body) {
  const url = new URL(request.url, 'http://runner');
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
  );
  return { method: request.method, path: url.pathname, headers, query: Object.fromEntries(url.searchParams), body };
}

function readBody(request, maxBytes) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let length = 0;
    request.on('data', (chunk) => {
      length += chunk.length;
      if (length > maxBytes) {
        reject(new ProxyError(413, 'body_too_large', `the request body is larger than ${maxBytes} bytes`));
        request.removeAllListeners('data');
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks, length).toString('utf8')));
    request.on('error', reject);
  });
}

function writeResult(response, { status, headers = {}, body = '' }) {
  if (response.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', ...headers, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Stops accepting, lets requests in flight finish (at most 10 s), then closes what is left. */
function closeGracefully(server) {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
