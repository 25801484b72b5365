// The malformed-request corpus against the operator node's own /metrics and /health server
// (node_core/net/http_server.cpp, Beast), issue 11 finding 2: raw bytes over a socket — bad
// request lines and targets, huge and countless headers, broken bodies and framing, binary junk,
// TLS and HTTP/2 openings, a slow client, hundreds of idle connections — and after each one the
// node must still answer /metrics (and still run). The node runs on a bare anvil (its contract
// is wrong on purpose; the server answers all the same).
//   node tests/integration/http_corpus.mjs --operator build/actors/automator-operator
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ANVIL_KEYS } from '../../deploy/lib/devchain.mjs';
import { processGroup, startNodeOnBareChain } from './lib/processes.mjs';

const { values: args } = parseArgs({ options: { operator: { type: 'string' } } });
const began = performance.now();
const work = mkdtempSync(join(tmpdir(), 'automator-http-corpus-'));
const group = processGroup();

const crlf = (...lines) => lines.join('\r\n') + '\r\n\r\n';
const corpus = [
  ['no Host header', crlf('GET /metrics HTTP/1.1')],
  ['garbage request line', crlf('GARBAGE')],
  ['empty request line', '\r\n\r\n'],
  ['target "//"', crlf('GET // HTTP/1.1', 'Host: x')],
  ['target "http://["', crlf('GET http://[ HTTP/1.1', 'Host: x')],
  ['absolute-form target', crlf('GET http://127.0.0.1/metrics HTTP/1.1', 'Host: x')],
  ['asterisk target', crlf('OPTIONS * HTTP/1.1', 'Host: x')],
  ['unknown version', crlf('GET /metrics HTTP/9.9', 'Host: x')],
  ['HTTP/0.9', 'GET /metrics\r\n'],
  ['lowercase method', crlf('get /metrics HTTP/1.1', 'Host: x')],
  ['CONNECT', crlf('CONNECT 127.0.0.1:1 HTTP/1.1', 'Host: 127.0.0.1:1')],
  ['64 KiB method', crlf('M'.repeat(65536) + ' / HTTP/1.1', 'Host: x')],
  ['1 MiB target', crlf('GET /' + 'a'.repeat(1 << 20) + ' HTTP/1.1', 'Host: x')],
  ['1 MiB header value', crlf('GET /metrics HTTP/1.1', 'Host: x', 'X-Big: ' + 'b'.repeat(1 << 20))],
  ['20,000 headers', crlf('GET /metrics HTTP/1.1', 'Host: x', ...Array.from({ length: 20_000 }, (_, i) => `X-${i}: v`))],
  ['header without colon', crlf('GET /metrics HTTP/1.1', 'Host: x', 'NoColonHere')],
  ['obs-fold header', crlf('GET /metrics HTTP/1.1', 'Host: x', 'X-Fold: a', ' continued')],
  ['NUL in header', crlf('GET /metrics HTTP/1.1', 'Host: x', 'X-Nul: a\0b')],
  ['bare LF line ends', 'GET /metrics HTTP/1.1\nHost: x\n\n'],
  ['bare CR line ends', 'GET /metrics HTTP/1.1\rHost: x\r\r'],
  ['negative Content-Length', crlf('POST /metrics HTTP/1.1', 'Host: x', 'Content-Length: -1')],
  ['huge Content-Length', crlf('POST /metrics HTTP/1.1', 'Host: x', 'Content-Length: 99999999999999999999999')],
  ['two Content-Lengths', crlf('POST /metrics HTTP/1.1', 'Host: x', 'Content-Length: 1', 'Content-Length: 2') + 'ab'],
  ['Content-Length and chunked', crlf('POST /metrics HTTP/1.1', 'Host: x', 'Content-Length: 3', 'Transfer-Encoding: chunked') + '0\r\n\r\n'],
  ['bad chunk size', crlf('POST /metrics HTTP/1.1', 'Host: x', 'Transfer-Encoding: chunked') + 'zzz\r\nabc\r\n0\r\n\r\n'],
  ['chunk size overflow', crlf('POST /metrics HTTP/1.1', 'Host: x', 'Transfer-Encoding: chunked') + 'ffffffffffffffffffff\r\nabc\r\n'],
  ['unknown transfer coding', crlf('POST /metrics HTTP/1.1', 'Host: x', 'Transfer-Encoding: gzip, zstd')],
  ['2 MiB body over the limit', crlf('POST /metrics HTTP/1.1', 'Host: x', `Content-Length: ${2 << 20}`) + 'c'.repeat(2 << 20)],
  ['body shorter than announced, then close', crlf('POST /metrics HTTP/1.1', 'Host: x', 'Content-Length: 1000') + 'short'],
  ['1,000 pipelined requests', crlf('GET /metrics HTTP/1.1', 'Host: x').repeat(1000)],
  ['half a request line, then close', 'GET /met'],
  ['TLS ClientHello', Buffer.from('16030100a5010000a103035b', 'hex')],
  ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
  ['64 KiB of random bytes', randomBytes(65536)],
  ['UTF-8 and control characters in the target', crlf('GET /\u202e\u0007\u00ff HTTP/1.1', 'Host: x')],
];

/** Sends `bytes`, then reads until the server closes or 3 s pass; the first line of the answer. */
function send(port, bytes) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const done = (how) => {
      socket.destroy();
      resolve((answer.split('\r\n')[0] || how).slice(0, 60));
    };
    socket.setTimeout(3000, () => done('no answer in 3 s'));
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('error', (e) => done(e.code));
    socket.on('close', () => done('closed'));
    socket.write(bytes, () => socket.end());
  });
}

async function stillServing(port, node, after) {
  if (node.exitCode !== null) throw new Error(`the node exited with ${node.exitCode} after: ${after}`);
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5000) }).catch((e) => {
    throw new Error(`/metrics does not answer after: ${after} (${e.cause?.code ?? e.message})`);
  });
  if (response.status !== 200 || !(await response.text()).includes('automator_slots_fired_total')) {
    throw new Error(`/metrics answered ${response.status} after: ${after}`);
  }
}

/** A client sending a request a byte every 50 ms; the server must serve others meanwhile. */
async function slowClient(port, node) {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  const request = crlf('GET /health HTTP/1.1', 'Host: x', 'X-Slow: ' + 'd'.repeat(40));
  for (let i = 0; i < request.length - 2 && !socket.destroyed; i++) {
    socket.write(request[i]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (i % 20 === 0) await stillServing(port, node, 'a slow client in the middle of its request');
  }
  socket.destroy();
}

/** 500 connections that send nothing; the server must still serve a new one. */
async function idleConnections(port, node) {
  const sockets = await Promise.all(Array.from({ length: 500 }, () => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', () => resolve(s));
  })));
  try {
    await stillServing(port, node, '500 idle connections open');
  } finally {
    for (const s of sockets) s.destroy();
  }
}

let failed = false;
try {
  if (!args.operator) throw new Error('--operator PATH is required');
  const { metricsPort, node } = await startNodeOnBareChain({
    group, work, operator: args.operator, key: ANVIL_KEYS[1], contract: '0x000000000000000000000000000000000000dEaD',
  });
  await stillServing(metricsPort, node, 'start-up');
  const rows = ['| request | first answer line |', '|---|---|'];
  for (const [name, bytes] of corpus) {
    const first = await send(metricsPort, bytes);
    rows.push(`| ${name} | ${first.replace(/\|/g, '/')} |`);
    await stillServing(metricsPort, node, name);
  }
  await slowClient(metricsPort, node);
  await stillServing(metricsPort, node, 'a slow client');
  await idleConnections(metricsPort, node);
  await stillServing(metricsPort, node, '500 idle connections closed');
  console.log(rows.join('\n'));
  console.log(`ok: ${corpus.length} malformed requests, a slow client and 500 idle connections; the node's server still answers (${((performance.now() - began) / 1000).toFixed(1)} s)`);
} catch (error) {
  failed = true;
  console.error(`FAILED: ${error.message}`);
  group.report();
} finally {
  await group.stopAll();
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
