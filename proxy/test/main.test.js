// The Fleek entry point: a deployment without its settings answers 500 without crashing and
// without caching the failure, and works once the variables are there.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { privateKeyToAddress } from 'viem/accounts';
import { main } from '../src/main.js';

const key = '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97';

describe('main', () => {
  it('answers 500 proxy_misconfigured until configured, then serves', async () => {
    for (const name of Object.keys(process.env)) if (name.startsWith('AUTOMATOR_')) delete process.env[name];
    const broken = await main({ method: 'GET', path: '/', headers: {}, query: {}, body: '' });
    assert.equal(broken.status, 500);
    assert.equal(JSON.parse(broken.body).error, 'proxy_misconfigured');

    Object.assign(process.env, {
      AUTOMATOR_CHAIN_ID: '31337',
      AUTOMATOR_RPC_URL: 'http://127.0.0.1:9',
      AUTOMATOR_CONTRACTS: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      AUTOMATOR_PROXY_KEY: key,
    });
    const working = await main({ method: 'GET', path: '/', headers: {}, query: {}, body: '' });
    assert.equal(working.status, 200);
    assert.equal(JSON.parse(working.body).signer, privateKeyToAddress(key));
  });
});
