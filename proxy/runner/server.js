// Serves a Fleek-shaped handler over plain HTTP the way Fleek calls a function: each request
// becomes `{method, path, headers, query, body}` and the returned `{status, headers, body}`
// becomes the response. Keep-alive connections; the request body is capped before buffering.
// Whatever a client sends (a request target that is no URL, broken headers, a body that never
// ends, a handler that throws), the answer is an error response or a closed socket, never a
// crashed process: this is a public server.

import http from 'node:http';
import { ProxyError } from '../src/errors.js';

// A client gets this long to send its headers, and its whole request; a slow one is cut off
// (408) so it cannot hold a connection forever.
const headersTimeoutMs = 10_000;
const requestTimeoutMs = 20_000;

/**
 * @param {object} options
 * @param {(params: object) => Promise<{status: number, headers?: Record<string, string>, body?: unknown}>} options.handle
 * @param {number} options.maxRequestBytes bodies beyond this are refused with 413 without reading them
 * @param {number} [options.port] 0 picks a free port
 * @param {string} [options.host]
 * @param {{headersMs?: number, requestMs?: number}} [options.timeouts] how long a client may take
 *   to send its headers and its whole request (tests shorten them)
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function startFunctionServer({ handle, maxRequestBytes, port = 0, host = '127.0.0.1', timeouts = {} }) {
  const { headersMs = headersTimeoutMs, requestMs = requestTimeoutMs } = timeouts;
  const server = http.createServer(
    {
      keepAliveTimeout: 65_000,
      headersTimeout: headersMs,
      requestTimeout: requestMs,
      connectionsCheckingInterval: Math.min(1_000, headersMs),
      maxHeaderSize: 16_384,
    },
    (request, response) => {
      serveOne(request, response, handle, maxRequestBytes).catch((error) => {
        console.error('proxy runner: unexpected error', error);
        writeResult(response, { status: 500, headers: { connection: 'close' }, body: { error: 'internal_error', message: 'the runner failed unexpectedly; see its log' } });
      });
    },
  );
  // Bytes that are not HTTP never reach the handler: node answers 400 (431 for huge headers,
  // 408 for a slow client) and closes the socket.
  server.on('clientError', (error, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const { address, port: bound } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${bound}`,
    port: bound,
    close: () => closeGracefully(server),
  };
}

async function serveOne(request, response, handle, maxRequestBytes) {
  let body;
  try {
    body = await readBody(request, maxRequestBytes);
  } catch (error) {
    return writeResult(response, {
      status: error.status ?? 400,
      headers: { connection: 'close' },
      body: { error: error.code ?? 'bad_request', message: error.message },
    });
  }
  const target = parseTarget(request.url);
  if (!target) {
    return writeResult(response, { status: 400, body: { error: 'bad_request', message: `the request target ${JSON.stringify(String(request.url).slice(0, 100))} is not a path` } });
  }
  writeResult(response, await handle(toParams(request, target, body)));
}

/** The path and query of a request target, or null when it is none (`//`, `http://[`, `*`). */
export function parseTarget(raw) {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(raw, 'http://runner');
  } catch {
    return null;
  }
}

function toParams(request, url, body) {
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
  );
  return { method: request.method, path: url.pathname, headers, query: Object.fromEntries(url.searchParams), body };
}

function readBody(request, maxBytes) {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (declared > maxBytes) {
      request.resume();
      return reject(new ProxyError(413, 'body_too_large', `the request body is larger than ${maxBytes} bytes`));
    }
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
    // A client that goes away mid-body (or is cut off as too slow) ends the wait too.
    request.on('close', () => reject(new ProxyError(400, 'bad_request', 'the client closed the request before its body ended')));
  });
}

function writeResult(response, { status, headers = {}, body = '' }) {
  if (response.destroyed || response.headersSent) return;
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
