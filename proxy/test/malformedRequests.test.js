// No request crashes the proxy: a corpus of malformed request lines, targets, headers and
// bodies, and slow clients, sent as raw bytes to the local runner (in this process, so a crash
// would fail the test run) and to `serve.js --workers 2` (whose cluster must keep running);
// after each one the server still answers a good request.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startFunctionServer } from '../runner/server.js';
import { buildConfig } from '../src/config.js';
import { createHandler } from '../src/handler.js';
import { createHitSigner } from '../src/hitSigner.js';
import { firstStatus, malformedRequests, sendRaw } from './helpers/malformedRequests.js';

const contract = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const key = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';

/** Sends the corpus; after each request the server must still answer GET `url`. */
async function survivesCorpus(port, url) {
  for (const [name, bytes] of Object.entries(malformedRequests)) {
    const answer = await sendRaw({ port }, bytes);
    const status = firstStatus(answer);
    // An answer (a 4xx, or a 2xx/503 where the bytes still were a request) or a closed socket; never
    // an internal error.
    assert.ok(status !== 500 && status < 600, `${name}: answered ${status}: ${answer.slice(0, 200)}`);
    const identity = await fetch(url);
    assert.equal(identity.status, 200, `${name}: the server no longer answers`);
    await identity.arrayBuffer();
  }
}

describe('the runner survives malformed requests', () => {
  let server;
  before(async () => {
    const config = buildConfig({ chainId: 31337, rpcUrl: 'http://127.0.0.1:9', contracts: [contract], rpcTimeoutMs: 200 });
    server = await startFunctionServer({
      handle: createHandler({ config, signer: createHitSigner(key) }),
      maxRequestBytes: config.maxRequestBytes,
      timeouts: { headersMs: 500, requestMs: 1_000 },
    });
  });
  after(() => server.close());

  it('answers every request of the corpus without an internal error (or closes), and keeps serving', async () => {
    await survivesCorpus(server.port, server.url);
  });

  it('names a request target that is not a path', async () => {
    const answer = await sendRaw({ port: server.port }, 'POST // HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}');
    assert.equal(firstStatus(answer), 400);
    assert.match(answer, /"error":"bad_request".*is not a path/);
  });

  it('cuts off a client that sends its headers too slowly, or never ends its body, while serving others', async () => {
    const started = Date.now();
    const [slowHeaders, slowBody] = await Promise.all([
      sendRaw({ port: server.port }, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ', 5_000),
      sendRaw({ port: server.port }, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"chainId"', 5_000),
      (async () => {
        const identity = await fetch(server.url);
        assert.equal(identity.status, 200);
      })(),
    ]);
    assert.ok(Date.now() - started < 4_500, 'the slow clients were cut off before the test gave up on them');
    assert.ok([0, 408].includes(firstStatus(slowHeaders)), slowHeaders);
    assert.ok([0, 400, 408].includes(firstStatus(slowBody)), slowBody);
  });
});

describe('serve.js --workers 2 survives malformed requests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proxy-malformed-'));
  let child;
  let output = '';
  after(() => {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps both workers and the supervisor running through the corpus', async () => {
    const keyFile = join(dir, 'owner.key');
    writeFileSync(keyFile, key);
    chmodSync(keyFile, 0o600);
    const serveJs = fileURLToPath(new URL('../serve.js', import.meta.url));
    child = spawn(process.execPath, [serveJs, '--rpc-url', 'http://127.0.0.1:9', '--chain-id', '31337', '--contracts', contract, '--key-file', keyFile, '--port', '0', '--workers', '2'], {
      env: { PATH: process.env.PATH },
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    while ((output.match(/serving /g) ?? []).length < 2) {
      assert.equal(child.exitCode, null, output);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = output.match(/serving (http:\/\/\S+)/)[1];
    await survivesCorpus(Number(new URL(url).port), url);
    assert.equal(child.exitCode, null, `the cluster stopped:\n${output}`);
    assert.doesNotMatch(output, /exited/, output);
  });
});
