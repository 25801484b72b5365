// Serves the portal: the static page, its script bundled with viem and the contract ABIs by
// esbuild at startup, /config.json from the given config file, and /rpc, which relays the page's
// JSON-RPC methods to the chain (rpcRelay.mjs) so the browser needs only this one origin. A
// public server: whatever a client sends, it gets an error answer or a closed socket, and the
// process keeps serving.
//   node portal/serve.mjs --config <file.json> [--port 8080] [--host 127.0.0.1]
import { STATUS_CODES, createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { loadAbis } from './abis.mjs';
import { checkConfig } from './src/config.js';
import { createRpcRelay } from './rpcRelay.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json' };
const STATIC = new Set(['/index.html', '/style.css']);

/** The browser bundle, with the ABIs as the virtual module 'portal:abis'. */
async function bundle() {
  const abis = loadAbis();
  const abisPlugin = {
    name: 'portal-abis',
    setup(build) {
      build.onResolve({ filter: /^portal:abis$/ }, () => ({ path: 'abis', namespace: 'portal-abis' }));
      build.onLoad({ filter: /.*/, namespace: 'portal-abis' }, () => ({
        contents: Object.entries(abis).map(([name, abi]) => `export const ${name} = ${JSON.stringify(abi)};`).join('\n'),
        loader: 'js',
      }));
    },
  };
  const result = await esbuild.build({
    entryPoints: [join(HERE, 'src/main.js')], bundle: true, format: 'esm', target: 'es2022', minify: true,
    write: false, plugins: [abisPlugin], logLevel: 'warning',
  });
  return result.outputFiles[0].contents;
}

/** The config the browser sees: the RPC is this server's /rpc. */
function browserConfig(config) {
  return JSON.stringify({ ...config, rpcUrl: 'rpc' });
}

/** The path of a request target, or null when it is none (`//`, `http://[`, `*`). */
export function pathOf(target) {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://portal').pathname;
  } catch {
    return null;
  }
}

/**
 * @param {{configPath: string, port?: number, host?: string, timeouts?: {headersMs?: number, requestMs?: number}}} options
 *   timeouts: how long a client may take to send its headers and its whole request (tests shorten them)
 */
export async function startPortal({ configPath, port = 8080, host = '127.0.0.1', timeouts = {} }) {
  const { headersMs = 10_000, requestMs = 30_000 } = timeouts;
  const config = checkConfig(JSON.parse(readFileSync(configPath, 'utf8')));
  const app = await bundle();
  const served = browserConfig(config);
  const relay = createRpcRelay({ upstream: config.rpcUrl });
  const serve = async (req, res) => {
    const path = pathOf(req.url);
    if (path === null) return res.writeHead(400, { 'content-type': 'text/plain' }).end('the request target is not a path');
    if (path === '/rpc' && req.method === 'POST') return relay(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const file = path === '/' ? '/index.html' : path;
    if (file === '/app.js') return res.writeHead(200, { 'content-type': TYPES['.js'] }).end(app);
    if (file === '/config.json') return res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' }).end(served);
    if (STATIC.has(file)) return res.writeHead(200, { 'content-type': TYPES[extname(file)] }).end(readFileSync(join(HERE, 'public', file)));
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };
  // Slow clients are cut off (by default headers within 10 s, the whole request within 30 s).
  const server = createServer({ headersTimeout: headersMs, requestTimeout: requestMs, connectionsCheckingInterval: Math.min(1_000, headersMs), maxHeaderSize: 16_384 }, (req, res) => {
    serve(req, res).catch((err) => {
      console.error(`portal: ${req.method} request failed: ${err.message}`);
      if (!res.headersSent && !res.destroyed) res.writeHead(500, { 'content-type': 'text/plain', connection: 'close' }).end('internal error');
      else res.destroy();
    });
  });
  server.on('clientError', (err, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return { url: `http://${host}:${server.address().port}/`, port: server.address().port, close: () => new Promise((r) => {
      server.close(r);
      server.closeAllConnections(); // browsers keep connections alive; do not wait for them
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { config: { type: 'string' }, port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' } } });
  if (!values.config) {
    console.error('usage: node portal/serve.mjs --config <portal-config.json> [--port 8080] [--host 127.0.0.1]');
    process.exit(2);
  }
  try {
    const portal = await startPortal({ configPath: values.config, port: Number(values.port), host: values.host });
    console.log(`portal: ${portal.url}`);
  } catch (err) {
    console.error(`portal: ${err.message}`);
    process.exit(1);
  }
}
