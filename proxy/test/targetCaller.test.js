// The target call against real local servers: headers and body delivered, statuses kept as
// they are, no redirect followed, a timeout and a refused connection as status 0, and an
// oversized response cut at the cap.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callTarget } from '../src/targetCaller.js';
import { startTarget } from './helpers/httpServers.js';

describe('callTarget', () => {
  let target;
  let elsewhere;
  before(async () => {
    elsewhere = await startTarget((_request, _body, response) => response.end('should never be reached'));
    target = await startTarget((request, body, response) => {
      if (request.url === '/echo') return response.end(body);
      if (request.url === '/fail') return response.writeHead(500).end('boom');
      if (request.url === '/redirect') return response.writeHead(302, { location: `${elsewhere.url}/private` }).end();
      if (request.url === '/big') return response.end(Buffer.alloc(300_000, 0x61));
      if (request.url === '/slow') return setTimeout(() => response.end('late'), 2_000);
      response.end('ok');
    });
  });
  after(async () => {
    await target.close();
    await elsewhere.close();
  });

  const call = (path, overrides = {}) =>
    callTarget({
      url: new URL(`http://pinned.invalid:${target.port}${path}`),
      address: '127.0.0.1',
      family: 4,
      method: 'POST',
      body: Buffer.from('{"ping":1}'),
      headers: { 'x-automator-task': '7' },
      timeoutMs: 1_000,
      maxResponseBytes: 100_000,
      ...overrides,
    });

  it('connects to the pinned address, not the name, and sends method, headers and body', async () => {
    const result = await call('/echo');
    assert.equal(result.status, 200);
    assert.equal(result.body.toString(), '{"ping":1}');
    const received = target.requests.at(-1);
    assert.equal(received.method, 'POST');
    assert.equal(received.headers.host, `pinned.invalid:${target.port}`);
    assert.equal(received.headers['x-automator-task'], '7');
  });

  it('keeps a non-2xx status', async () => {
    const result = await call('/fail');
    assert.equal(result.status, 500);
    assert.equal(result.body.toString(), 'boom');
  });

  it('does not follow a redirect: the 3xx is the result', async () => {
    const result = await call('/redirect');
    assert.equal(result.status, 302);
    assert.equal(elsewhere.requests.length, 0);
  });

  it('cuts a response larger than the cap', async () => {
    const result = await call('/big');
    assert.equal(result.status, 200);
    assert.equal(result.truncated, true);
    assert.equal(result.body.length, 100_000);
  });

  it('gives status 0 when the target does not answer in time', async () => {
    const started = Date.now();
    const result = await call('/slow', { timeoutMs: 300 });
    assert.equal(result.status, 0);
    assert.match(result.failure, /within 300 ms/);
    assert.ok(Date.now() - started < 1_500);
  });

  it('gives status 0 when the connection is refused', async () => {
    const closed = await startTarget(() => {});
    await closed.close();
    const result = await callTarget({
      url: new URL(`${closed.url}/`),
      address: '127.0.0.1',
      family: 4,
      method: 'GET',
      body: Buffer.alloc(0),
      headers: {},
      timeoutMs: 1_000,
      maxResponseBytes: 1_000,
    });
    assert.equal(result.status, 0);
    assert.equal(result.failure, 'ECONNREFUSED');
  });
});
