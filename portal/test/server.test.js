// The portal server against a real local JSON-RPC upstream: the /rpc relay passes only the
// page's read methods and eth_sendRawTransaction, checks each item of a batch, caps the body
// (413), and never shows the upstream URL; and no malformed request (the shared corpus of raw
// requests, slow clients) crashes the server: after each one it still serves the page.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startPortal } from '../serve.mjs';
import { RELAYED_METHODS } from '../rpcRelay.mjs';
import { firstStatus, malformedRequests, sendRaw } from '../../proxy/test/helpers/malformedRequests.js';

/** A JSON-RPC server that answers every item with its method name and records what it got. */
async function startUpstream() {
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString());
      const answer = (item) => {
        received.push(item.method);
        return { jsonrpc: '2.0', id: item.id, result: item.method };
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Array.isArray(body) ? body.map(answer) : answer(body)));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/v3/secret-api-key`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

const config = (rpcUrl) => ({ chainId: 31337, rpcUrl, automator: '0x5FbDB2315678afecb367f032d93F642f64180aa3' });

describe('portal server', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-server-'));
  let upstream;
  let portal;
  let downPortal;
  before(async () => {
    upstream = await startUpstream();
    const closed = await startUpstream();
    await closed.close(); // a port nothing listens on any more
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config(upstream.url)));
    writeFileSync(join(dir, 'down.json'), JSON.stringify(config(closed.url)));
    [portal, downPortal] = await Promise.all([
      startPortal({ configPath: join(dir, 'config.json'), port: 0, timeouts: { headersMs: 500, requestMs: 1_000 } }),
      startPortal({ configPath: join(dir, 'down.json'), port: 0 }),
    ]);
  });
  after(async () => {
    await portal?.close();
    await downPortal?.close();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rpc = async (body, url = portal.url) => {
    const response = await fetch(`${url}rpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, text: await response.text() };
  };
  const call = (method, id = 1) => ({ jsonrpc: '2.0', id, method, params: [] });

  it('relays the read methods the page uses and eth_sendRawTransaction', async () => {
    for (const method of RELAYED_METHODS) {
      const { status, text } = await rpc(call(method));
      assert.equal(status, 200);
      assert.deepEqual(JSON.parse(text), { jsonrpc: '2.0', id: 1, result: method });
    }
  });

  it('refuses every other method without asking the upstream', async () => {
    const before = upstream.received.length;
    for (const method of ['anvil_setBalance', 'eth_sendTransaction', 'eth_sign', 'personal_unlockAccount', 'debug_traceTransaction', 'admin_peers', 'evm_mine', 'eth_accounts']) {
      const { status, text } = await rpc(call(method, 7));
      assert.equal(status, 200);
      const answer = JSON.parse(text);
      assert.equal(answer.id, 7);
      assert.equal(answer.error.code, -32601);
      assert.match(answer.error.message, new RegExp(`does not relay "${method}"`));
    }
    assert.equal(upstream.received.length, before);
  });

  it('checks each item of a batch: relays the allowed ones, refuses the rest by id', async () => {
    const before = upstream.received.length;
    const { status, text } = await rpc([call('eth_blockNumber', 1), call('anvil_setBalance', 2), call('eth_call', 3), { id: 4 }, 'nope']);
    assert.equal(status, 200);
    const answers = JSON.parse(text);
    assert.equal(answers.length, 5);
    const byId = Object.fromEntries(answers.filter((a) => a.id != null).map((a) => [a.id, a]));
    assert.equal(byId[1].result, 'eth_blockNumber');
    assert.equal(byId[3].result, 'eth_call');
    assert.equal(byId[2].error.code, -32601);
    assert.equal(byId[4].error.code, -32600);
    assert.deepEqual(upstream.received.slice(before), ['eth_blockNumber', 'eth_call']);
  });

  it('refuses malformed bodies and batches', async () => {
    assert.deepEqual(JSON.parse((await rpc('{nope')).text).error.code, -32700);
    assert.equal((await rpc([])).status, 400);
    assert.equal((await rpc(Array.from({ length: 101 }, (_, i) => call('eth_chainId', i)))).status, 400);
    assert.equal(JSON.parse((await rpc('"eth_call"')).text).error.code, -32600);
  });

  it('caps the body at 256 KiB with 413', async () => {
    const big = { ...call('eth_call'), params: [{ data: `0x${'00'.repeat(200_000)}` }] };
    const { status, text } = await rpc(big);
    assert.equal(status, 413);
    assert.match(JSON.parse(text).error.message, /larger than 262144 bytes/);
    const streamed = await sendRaw({ port: portal.port }, `POST /rpc HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${`10000\r\n${'x'.repeat(0x10000)}\r\n`.repeat(5)}0\r\n\r\n`, 3_000);
    assert.equal(firstStatus(streamed), 413);
  });

  it('answers 502 without the upstream URL when the chain is unreachable; /config.json hides it too', async () => {
    const { status, text } = await rpc(call('eth_blockNumber'), downPortal.url);
    assert.equal(status, 502);
    assert.match(JSON.parse(text).error.message, /chain RPC unreachable: ECONNREFUSED/);
    assert.doesNotMatch(text, /secret-api-key|127\.0\.0\.1/);
    const served = await (await fetch(`${downPortal.url}config.json`)).text();
    assert.doesNotMatch(served, /secret-api-key/);
  });

  it('survives the malformed-request corpus and keeps serving the page', async () => {
    for (const [name, bytes] of Object.entries(malformedRequests)) {
      const answer = await sendRaw({ port: portal.port }, bytes);
      const status = firstStatus(answer);
      assert.ok(status !== 500 && status < 600, `${name}: answered ${status}: ${answer.slice(0, 200)}`);
      const page = await fetch(portal.url);
      assert.equal(page.status, 200, `${name}: the portal no longer answers`);
      await page.arrayBuffer();
    }
    const relayed = await rpc(call('eth_chainId'));
    assert.equal(relayed.status, 200);
  });

  it('cuts off a client that sends its headers or its /rpc body too slowly, while serving others', async () => {
    const started = Date.now();
    const [slowHeaders, slowBody] = await Promise.all([
      sendRaw({ port: portal.port }, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ', 5_000),
      sendRaw({ port: portal.port }, 'POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"jsonrpc"', 5_000),
      fetch(portal.url).then((page) => assert.equal(page.status, 200)),
    ]);
    assert.ok(Date.now() - started < 4_500, 'the slow clients were cut off');
    assert.ok([0, 408].includes(firstStatus(slowHeaders)), slowHeaders);
    assert.ok([0, 408].includes(firstStatus(slowBody)), slowBody);
    assert.equal((await fetch(portal.url)).status, 200);
  });

  it('names a request target that is not a path', async () => {
    for (const target of ['//', 'http://[', '*']) {
      const answer = await sendRaw({ port: portal.port }, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      assert.equal(firstStatus(answer), 400, `${target}: ${answer}`);
    }
  });
});
