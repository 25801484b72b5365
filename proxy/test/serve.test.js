// The local runner's command line: refuses a key file others can read, serves Fleek-shaped
// requests with a keystore key, refuses oversized bodies, runs several workers, and exits
// cleanly on SIGTERM.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { privateKeyToAddress } from 'viem/accounts';
import { encryptKeystore } from '../src/keystore.js';

const serveJs = fileURLToPath(new URL('../serve.js', import.meta.url));
const makeKeystoreJs = fileURLToPath(new URL('../scripts/make-keystore.mjs', import.meta.url));
const key = '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356';
const chainFlags = ['--rpc-url', 'http://127.0.0.1:9', '--chain-id', '31337', '--contracts', '0x5FbDB2315678afecb367f032d93F642f64180aa3'];

function startServe(args, env = {}) {
  const child = spawn(process.execPath, [serveJs, ...chainFlags, '--port', '0', ...args], { env: { PATH: process.env.PATH, ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const serving = new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = output.match(/serving (http:\/\/\S+)/)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(Object.assign(new Error(output), { code })));
  });
  return { child, serving, output: () => output };
}

describe('serve.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proxy-serve-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a key file that others can read, naming the fix', async () => {
    const keyFile = join(dir, 'open.key');
    writeFileSync(keyFile, key);
    chmodSync(keyFile, 0o644);
    const { serving } = startServe(['--key-file', keyFile]);
    await assert.rejects(serving, (error) => error.code === 2 && error.message.includes(`chmod 600 ${keyFile}`));
  });

  it('serves with a keystore key, caps the body, and stops cleanly on SIGTERM', async () => {
    const keystore = join(dir, 'keystore.json');
    writeFileSync(keystore, JSON.stringify(encryptKeystore(key, 'secret', { n: 1024 })));
    const { child, serving } = startServe(['--keystore', keystore], { AUTOMATOR_KEYSTORE_PASSWORD: 'secret' });
    const url = await serving;

    const identity = await (await fetch(url)).json();
    assert.equal(identity.signer, privateKeyToAddress(key));
    const big = await fetch(url, { method: 'POST', body: 'x'.repeat(10_000) });
    assert.equal(big.status, 413);
    assert.equal((await big.json()).error, 'body_too_large');

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('make-keystore writes an owner-only keystore for a new key that serve.js signs with', async () => {
    const keystore = join(dir, 'new-keystore.json');
    const env = { PATH: process.env.PATH, AUTOMATOR_KEYSTORE_PASSWORD: 'rotate me' };
    const maker = spawn(process.execPath, [makeKeystoreJs, '--new', '--out', keystore], { env });
    let printed = '';
    maker.stdout.on('data', (chunk) => (printed += chunk));
    assert.deepEqual(await once(maker, 'exit'), [0, null]);
    const address = printed.match(/signer (0x[0-9a-fA-F]{40})/)[1];
    assert.equal(statSync(keystore).mode & 0o777, 0o600);

    const { child, serving } = startServe(['--keystore', keystore], env);
    assert.equal((await (await fetch(await serving)).json()).signer, address);
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('runs several workers on one port and stops them all on SIGTERM', async () => {
    const keyFile = join(dir, 'owner.key');
    writeFileSync(keyFile, key);
    chmodSync(keyFile, 0o600);
    const { child, serving, output } = startServe(['--key-file', keyFile, '--workers', '2']);
    const url = await serving;
    const signers = await Promise.all([1, 2, 3, 4].map(async () => (await (await fetch(url)).json()).signer));
    assert.deepEqual(new Set(signers), new Set([privateKeyToAddress(key)]));
    while ((output().match(/serving /g) ?? []).length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
