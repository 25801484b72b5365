// The Fleek bundle: one self-contained ES module (only node: built-ins imported, viem inlined)
// that holds no key even when one is in the environment while bundling, and that works: its
// `main` reads the key and settings from the environment when first called.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { privateKeyToAddress } from 'viem/accounts';
import { bundleProxy } from '../scripts/bundle.mjs';

const key = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba';

describe('Fleek bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proxy-bundle-'));
  const outfile = join(dir, 'function.js');
  let code;
  let imports;
  before(async () => {
    process.env.AUTOMATOR_PROXY_KEY = key;
    ({ imports } = await bundleProxy({ outfile }));
    code = readFileSync(outfile, 'utf8');
  });
  after(() => {
    delete process.env.AUTOMATOR_PROXY_KEY;
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds no key, not even one set while bundling', () => {
    assert.equal(code.includes(key.slice(2)), false);
    assert.equal(code.toLowerCase().includes(privateKeyToAddress(key).slice(2).toLowerCase()), false);
  });

  it('imports only node: built-ins', () => {
    assert.ok(imports.includes('node:http'));
    assert.deepEqual(imports.filter((name) => !name.startsWith('node:')), []);
  });

  it('serves a request with the key and settings from the environment', async () => {
    Object.assign(process.env, {
      AUTOMATOR_CHAIN_ID: '31337',
      AUTOMATOR_RPC_URL: 'http://127.0.0.1:9',
      AUTOMATOR_CONTRACTS: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    });
    const { main } = await import(pathToFileURL(outfile).href);
    const response = await main({ method: 'GET', path: '/', headers: {}, query: {}, body: '' });
    assert.equal(response.status, 200);
    assert.equal(JSON.parse(response.body).signer, privateKeyToAddress(key));
  });
});
