// Misbehaving targets for the adversarial-target matrix (adversarial_matrix.mjs), all real
// servers on 127.0.0.1: slow headers, a hang, a connection reset, a huge body, a redirect, a
// listener that never completes a connect, and a DNS server (for the proxy's --dns-servers) that
// answers late, never, or with a forbidden address. Nothing here talks to another address.
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';

const loopback = '127.0.0.1';

function listen(server) {
  return new Promise((resolve) => server.listen(0, loopback, () => resolve(server.address().port)));
}

/** An HTTP target answering with `respond(request, response)`; counts its requests. */
async function httpTarget(respond) {
  const target = { calls: 0 };
  const server = http.createServer((request, response) => {
    target.calls++;
    request.resume();
    respond(request, response);
  });
  target.port = await listen(server);
  target.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  });
  return target;
}

/** A TCP target that resets the connection as soon as the request comes. */
async function resetTarget() {
  const target = { calls: 0 };
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', () => {
      target.calls++;
      socket.resetAndDestroy();
    });
  });
  target.port = await listen(server);
  target.close = () => new Promise((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(resolve);
  });
  return target;
}

/**
 * A listener whose connects never complete: a child process listens with a backlog of 0 and is
 * stopped (SIGSTOP), and a few connections fill its accept queue, so the kernel drops every later
 * SYN and the caller waits in connect until its own timeout.
 */
async function slowConnectTarget() {
  const child = spawn(process.execPath, ['-e', `
    const s = require('node:net').createServer(() => {});
    s.listen({ port: 0, host: '${loopback}', backlog: 0 }, () => console.log(s.address().port));
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`the slow-connect listener exited with ${code}`)));
  });
  child.kill('SIGSTOP');
  const fillers = [];
  for (let i = 0; i < 8; i++) {
    const socket = net.connect(port, loopback);
    socket.on('error', () => {});
    fillers.push(socket);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    port,
    calls: NaN, // a connect that never completes is not a call the target sees
    close: async () => {
      for (const s of fillers) s.destroy();
      child.kill('SIGKILL');
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', resolve)));
    },
  };
}

// --------------------------------------------------------------------------------------- DNS

/** The question of a DNS query: {name, type, end} (end: the offset after QTYPE and QCLASS). */
function question(message) {
  const labels = [];
  let offset = 12;
  while (offset < message.length && message[offset] !== 0) {
    const length = message[offset];
    labels.push(message.subarray(offset + 1, offset + 1 + length).toString('latin1'));
    offset += 1 + length;
  }
  const type = message.readUInt16BE(offset + 1);
  return { name: labels.join('.').toLowerCase(), type, end: offset + 5 };
}

/** A DNS answer to `query` with the IPv4 `address` (none for other types), TTL 0. */
function answer(query, q, address) {
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // the id
  const withRecord = address && q.type === 1;
  header.writeUInt16BE(0x8180, 2); // a response, recursion desired and available, NOERROR
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(withRecord ? 1 : 0, 6);
  const parts = [header, query.subarray(12, q.end)];
  if (withRecord) {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    record.writeUInt16BE(1, 2); // A
    record.writeUInt16BE(1, 4); // IN
    record.writeUInt32BE(0, 6); // TTL 0: every lookup asks again
    record.writeUInt16BE(4, 10);
    address.split('.').forEach((byte, i) => record.writeUInt8(Number(byte), 12 + i));
    parts.push(record);
  }
  return Buffer.concat(parts);
}

/**
 * A DNS server on 127.0.0.1 for the proxy's resolver; `zone` maps a name to {address, delayMs}
 * (address undefined: never answer). Other names get an empty answer at once.
 */
export async function startDns(zone) {
  const socket = dgram.createSocket('udp4');
  const timers = new Set();
  const queries = new Map();
  socket.on('message', (message, peer) => {
    let q;
    try {
      q = question(message);
    } catch {
      return;
    }
    queries.set(q.name, (queries.get(q.name) ?? 0) + 1);
    const entry = zone[q.name];
    if (entry && entry.address === undefined) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      socket.send(answer(message, q, entry?.address), peer.port, peer.address);
    }, entry?.delayMs ?? 0);
    timers.add(timer);
  });
  await new Promise((resolve) => socket.bind(0, loopback, resolve));
  return {
    server: `${loopback}:${socket.address().port}`,
    queries,
    close: () => {
      for (const t of timers) clearTimeout(t);
      socket.close();
    },
  };
}

// ---------------------------------------------------------------------------------- behaviours

/** Milliseconds a slow DNS answer and slow headers take: longer than the matrix's tolerance. */
export const SLOW_MS = 1_500;

/**
 * Starts every misbehaving target; resolves to {behaviours: [{name, url}], dnsZone, close()}.
 * The DNS names resolve through the zone the caller serves with startDns(dnsZone).
 */
export async function startAdversarialTargets() {
  const ok = await httpTarget((_request, response) => response.end('pong'));
  const slowHeaders = await httpTarget((_request, response) => setTimeout(() => response.end('late'), SLOW_MS));
  const hangs = await httpTarget(() => {});
  const huge = await httpTarget((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < 256 * 1024 * 1024 && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) return response.once('drain', pump);
      }
      response.end();
    };
    pump();
  });
  const redirect = await httpTarget((_request, response) => {
    response.writeHead(302, { location: 'http://0.0.0.0:1/elsewhere' });
    response.end();
  });
  const reset = await resetTarget();
  const slowConnect = await slowConnectTarget();
  const dnsZone = {
    'slow-dns.matrix.test': { address: loopback, delayMs: SLOW_MS },
    'no-dns.matrix.test': { address: undefined },
    // 0.0.0.0: a forbidden (unspecified) address, and a harmless one if it were ever connected
    'forbidden.matrix.test': { address: '0.0.0.0', delayMs: 0 },
  };
  const at = (target, path = '/') => `http://${loopback}:${target.port}${path}`;
  const behaviours = [
    { name: 'slow DNS', url: `http://slow-dns.matrix.test:${ok.port}/`, target: ok },
    { name: 'failing DNS', url: `http://no-dns.matrix.test:${ok.port}/`, target: ok },
    { name: 'slow connect', url: at(slowConnect), target: slowConnect },
    { name: 'slow headers', url: at(slowHeaders), target: slowHeaders },
    { name: 'hang', url: at(hangs), target: hangs },
    { name: 'reset', url: at(reset), target: reset },
    { name: 'huge body', url: at(huge), target: huge },
    { name: 'redirect', url: at(redirect), target: redirect },
    { name: 'forbidden address', url: `http://forbidden.matrix.test:${ok.port}/`, target: ok },
  ];
  const all = [ok, slowHeaders, hangs, huge, redirect, reset, slowConnect];
  return { behaviours, dnsZone, close: () => Promise.all(all.map((t) => t.close())) };
}
