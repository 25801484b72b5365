#!/usr/bin/env node
// A soak of the race behind "proven hits the target never received": a healthy local target
// whose keep-alive timeout is about the interval between calls closes idle sockets just as the
// proxy's pool reuses them. Makes N calls through callTarget, with the fresh-connection retry
// and without it (maxRetries 0, the proxy before the fix), and prints how many were status 0.
//   node proxy/scripts/keepalive-soak.mjs [--calls 1000] [--keep-alive-ms 40] [--parallel 4]

import net from 'node:net';
import { parseArgs } from 'node:util';
import { callTarget, maxTransportRetries } from '../src/targetCaller.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '1000' }, 'keep-alive-ms': { type: 'string', default: '40' }, parallel: { type: 'string', default: '4' } } });
const calls = Number(values.calls);
const keepAliveMs = Number(values['keep-alive-ms']);
const parallel = Number(values.parallel);

// A raw HTTP/1.1 server that keeps connections alive without announcing a timeout (as many load
// balancers and servers do) and closes a connection once it has been idle for keepAliveMs.
let received = 0;
const server = net.createServer((socket) => {
  let idle;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => socket.end(), keepAliveMs);
  };
  let buffered = '';
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    buffered += chunk.toString('latin1');
    for (let end; (end = buffered.indexOf('\r\n\r\n')) >= 0; ) {
      const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) break;
      buffered = buffered.slice(end + 4 + length);
      received++;
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{"ok":true}');
    }
    arm();
  });
  arm();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = new URL(`http://127.0.0.1:${server.address().port}/tick`);

async function run(maxRetries) {
  const before = received;
  const reasons = {};
  let retried = 0;
  let done = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (done < calls) {
      done++;
      // Calls spaced around the keep-alive timeout, so a pooled socket is often just expiring.
      await new Promise((resolve) => setTimeout(resolve, keepAliveMs * (0.8 + Math.random() * 0.4)));
      const result = await callTarget({ url, address: '127.0.0.1', family: 4, method: 'POST', body: Buffer.from('{}'), headers: {}, timeoutMs: 2_000, maxResponseBytes: 1_000, maxRetries });
      if (result.status === 0) reasons[result.reason] = (reasons[result.reason] ?? 0) + 1;
      if (result.attempts > 1) retried++;
    }
  }));
  const zero = Object.values(reasons).reduce((a, b) => a + b, 0);
  return { maxRetries, calls, status0: zero, reasons, retried, targetReceived: received - before };
}

console.log(`keep-alive soak: ${calls} calls, ${parallel} at a time, spaced ~${keepAliveMs} ms; the target closes connections idle for ${keepAliveMs} ms`);
for (const maxRetries of [0, maxTransportRetries]) console.log(JSON.stringify(await run(maxRetries)));
server.close();
process.exit(0);
