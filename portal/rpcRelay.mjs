// The portal server's /rpc relay: forwards the browser's JSON-RPC to the chain's endpoint so the
// page needs only one origin, but only the read methods the page calls through viem (and
// eth_sendRawTransaction, for a transaction the browser signed), each item of a batch checked
// on its own, with the request body capped. The upstream URL (which may carry an API key) is
// never shown: /config.json hides it, and so do the relay's errors.

/**
 * What the page calls (portal/src through viem: reads, event logs, the head, receipts, and what
 * viem asks while preparing a dev-account transaction), plus eth_sendRawTransaction. Anything
 * else (eth_sendTransaction from an unlocked account, anvil_*, debug_*, admin_*) is refused.
 */
export const RELAYED_METHODS = new Set([
  'eth_chainId',
  'eth_blockNumber',
  'eth_getBlockByNumber',
  'eth_getBlockByHash',
  'eth_call',
  'eth_estimateGas',
  'eth_getLogs',
  'eth_getTransactionByHash',
  'eth_getTransactionReceipt',
  'eth_getTransactionCount',
  'eth_gasPrice',
  'eth_maxPriorityFeePerGas',
  'eth_feeHistory',
  'eth_sendRawTransaction',
]);

export const MAX_RPC_BODY_BYTES = 256 * 1024;
const MAX_BATCH_ITEMS = 100;
const UPSTREAM_TIMEOUT_MS = 10_000;

const rpcError = (id, code, message) => ({ jsonrpc: '2.0', id: id ?? null, error: { code, message } });

/**
 * Checks one JSON-RPC request object: null when it may be relayed, else the error answer for it.
 * @param {unknown} item
 */
export function refusal(item) {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return rpcError(null, -32600, 'a JSON-RPC request must be an object');
  const id = ['string', 'number'].includes(typeof item.id) || item.id === null ? item.id : null;
  if (typeof item.method !== 'string') return rpcError(id, -32600, 'the request has no method');
  if (!RELAYED_METHODS.has(item.method)) {
    return rpcError(id, -32601, `the portal does not relay ${JSON.stringify(item.method.slice(0, 64))}; it relays ${[...RELAYED_METHODS].join(', ')}`);
  }
  return null;
}

/**
 * @param {{upstream: string, maxBodyBytes?: number, timeoutMs?: number}} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
export function createRpcRelay({ upstream, maxBodyBytes = MAX_RPC_BODY_BYTES, timeoutMs = UPSTREAM_TIMEOUT_MS }) {
  const send = (res, status, payload) => {
    if (res.headersSent || res.destroyed) return;
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  return async function relay(req, res) {
    const body = await readCapped(req, maxBodyBytes);
    if (body === null) {
      res.setHeader('connection', 'close');
      return send(res, 413, rpcError(null, -32600, `the request body is larger than ${maxBodyBytes} bytes`));
    }
    let parsed;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return send(res, 400, rpcError(null, -32700, 'the request body is not JSON'));
    }
    const batch = Array.isArray(parsed);
    const items = batch ? parsed : [parsed];
    if (batch && (items.length === 0 || items.length > MAX_BATCH_ITEMS)) {
      return send(res, 400, rpcError(null, -32600, `a batch must hold 1 to ${MAX_BATCH_ITEMS} requests, not ${items.length}`));
    }
    const refused = items.map(refusal);
    const allowed = items.filter((_, i) => refused[i] === null);
    const refusals = refused.filter(Boolean);
    if (!batch && refusals.length) return send(res, 200, refusals[0]);
    if (allowed.length === 0) return send(res, 200, refusals);

    let answer;
    try {
      answer = await fetch(upstream, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch ? allowed : allowed[0]),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      // Only the error code: a message could name the upstream's host or path.
      const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : err.cause?.code ?? 'no connection';
      console.error(`portal: chain RPC unreachable: ${why}`);
      return send(res, 502, rpcError(null, -32603, `chain RPC unreachable: ${why}`));
    }
    const text = await answer.text().catch(() => '');
    if (!batch || refusals.length === 0) return send(res, answer.status, text);
    // A batch with refused items: the upstream's answers for the rest, then the refusals (a batch
    // answer may list its items in any order; each carries its request's id).
    let upstreamItems;
    try {
      const decoded = JSON.parse(text);
      upstreamItems = Array.isArray(decoded) ? decoded : [decoded];
    } catch {
      return send(res, 502, rpcError(null, -32603, `chain RPC answered HTTP ${answer.status} with no JSON`));
    }
    send(res, 200, [...upstreamItems, ...refusals]);
  };
}

/**
 * The request body, or null once it passes `maxBytes` (the rest is drained, not kept, so the
 * 413 can still be written). Rejects when the client goes away mid-body.
 */
function readCapped(req, maxBytes) {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > maxBytes) {
      req.resume();
      return resolve(null);
    }
    const chunks = [];
    let length = 0;
    req.on('data', (chunk) => {
      length += chunk.length;
      if (length > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        return resolve(null);
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, length)));
    req.on('error', reject);
    req.on('close', () => reject(new Error('the client closed the request before its body ended')));
  });
}
