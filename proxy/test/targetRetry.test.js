// Status 0 means what it says: a call whose kept-alive connection the target had closed is
// tried again on a fresh connection (and gets the real answer); a target that resets or refuses
// every connection gets at most 1 + maxTransportRetries of them and a status 0 whose reason says
// why; a hang is not retried. Real servers on loopback: node:http and raw node:net ones.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { failureReason } from '../src/failureReason.js';
import { callTarget, maxTransportRetries } from '../src/targetCaller.js';

/** A raw server: `onRequest(socket, requestNumberOnThisSocket, connectionNumber)` per request head. */
async function startRawServer(onRequest) {
  let connections = 0;
  let requests = 0;
  const server = net.createServer((socket) => {
    const connection = ++connections;
    let onSocket = 0;
    let buffered = '';
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      while (buffered.includes('\r\n\r\n')) {
        const end = buffered.indexOf('\r\n\r\n') + 4;
        const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
        if (buffered.length < end + length) return;
        buffered = buffered.slice(end + length);
        requests++;
        onRequest(socket, ++onSocket, connection);
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    counts: () => ({ connections, requests }),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const ok = (socket, body = 'ok') => socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`);

describe('transport retries on a fresh connection', () => {
  let servers = [];
  before(() => {
    servers = [];
  });
  after(() => Promise.all(servers.map((server) => server.close())));
  const start = async (onRequest) => {
    const server = await startRawServer(onRequest);
    servers.push(server);
    return server;
  };
  const call = (port, overrides = {}) =>
    callTarget({
      url: new URL(`http://retry.invalid:${port}/hook`),
      address: '127.0.0.1',
      family: 4,
      method: 'POST',
      body: Buffer.from('{}'),
      headers: {},
      timeoutMs: 2_000,
      maxResponseBytes: 1_000,
      ...overrides,
    });

  it('retries a kept-alive socket the target closed before answering, and gets the answer', async () => {
    // The first connection answers one request, then drops the next one without a byte (what a
    // target whose keep-alive timeout just ran out does); fresh connections answer.
    const server = await start((socket, onSocket, connection) => {
      if (connection === 1 && onSocket === 2) return socket.destroy();
      ok(socket, `conn ${connection}`);
    });
    const first = await call(server.port);
    assert.deepEqual([first.status, first.attempts], [200, 1]);
    const second = await call(server.port);
    assert.equal(second.status, 200, second.failure);
    assert.equal(second.body.toString(), 'conn 2');
    assert.equal(second.attempts, 2);
    assert.deepEqual(server.counts(), { connections: 2, requests: 3 });
  });

  it('gives up after 1 + maxTransportRetries connections to a target that resets them all: status 0, reason reset', async () => {
    const server = await start((socket) => socket.resetAndDestroy());
    const result = await call(server.port);
    assert.equal(result.status, 0);
    assert.equal(result.reason, 'reset');
    assert.equal(result.attempts, 1 + maxTransportRetries);
    assert.equal(server.counts().requests, 1 + maxTransportRetries);
  });

  it('gives a refused connection the same bounded retries, reason refused', async () => {
    const server = await start(() => {});
    await server.close();
    servers = servers.filter((s) => s !== server);
    const result = await call(server.port);
    assert.deepEqual([result.status, result.reason, result.failure, result.attempts], [0, 'refused', 'ECONNREFUSED', 1 + maxTransportRetries]);
  });

  it('does not retry once the response has started, nor a timeout', async () => {
    const midway = await start((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial');
      setTimeout(() => socket.destroy(), 20);
    });
    const cut = await call(midway.port);
    assert.equal(cut.status, 0);
    assert.equal(cut.attempts, 1);
    assert.match(cut.reason, /aborted|reset/);
    assert.equal(midway.counts().requests, 1);

    const hang = await start(() => {});
    const slow = await call(hang.port, { timeoutMs: 300 });
    assert.deepEqual([slow.status, slow.reason, slow.attempts], [0, 'timeout', 1]);
    assert.equal(hang.counts().requests, 1);
  });

  it('classes failures into stable reasons', () => {
    const cases = {
      ECONNREFUSED: 'refused',
      ECONNRESET: 'reset',
      EPIPE: 'reset',
      ETIMEDOUT: 'timeout',
      EHOSTUNREACH: 'unreachable',
      ENOTFOUND: 'dns',
      target_unresolved: 'dns',
      target_forbidden: 'forbidden',
      HPE_INVALID_CONSTANT: 'protocol',
      DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
      ERR_TLS_CERT_ALTNAME_INVALID: 'tls',
      EWHATEVER: 'other',
    };
    for (const [code, reason] of Object.entries(cases)) assert.equal(failureReason({ code }), reason, code);
  });
});
