// Refusals decided before the chain is asked: malformed requests, wrong method, unknown chain or
// contract, oversized bodies, and a chain that cannot be reached (a closed local port).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildConfig } from '../src/config.js';
import { createHandler } from '../src/handler.js';
import { createHitSigner } from '../src/hitSigner.js';

const contract = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const operator = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const signer = createHitSigner('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const handle = createHandler({ config: buildConfig({ chainId: 31337, rpcUrl: 'http://127.0.0.1:9', contracts: [contract], rpcTimeoutMs: 500 }), signer });

const post = async (body) => {
  const response = await handle({ method: 'POST', path: '/', headers: {}, query: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, ...JSON.parse(response.body) };
};
const valid = { chainId: 31337, contract, taskId: '1', slot: 0, operator };

describe('refusals before the chain', () => {
  it('answers GET with its signer, chain and contracts', async () => {
    const response = await handle({ method: 'GET', path: '/', headers: {}, query: {}, body: '' });
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.body), { signer: signer.address, chainId: 31337, contracts: [contract] });
  });

  it('refuses other methods', async () => {
    const response = await handle({ method: 'PUT', path: '/', headers: {}, query: {}, body: '' });
    assert.equal(response.status, 405);
    assert.equal(JSON.parse(response.body).error, 'method_not_allowed');
  });

  const badRequests = {
    'an empty body': ['', /needs a JSON body/],
    'a body that is not JSON': ['{nope', /not JSON/],
    'a JSON array': ['[1]', /must be a JSON object/],
    'a missing chainId': [{ ...valid, chainId: undefined }, /chainId must be/],
    'a negative slot': [{ ...valid, slot: -1 }, /slot must be/],
    'a fractional slot': [{ ...valid, slot: 1.5 }, /slot must be/],
    'a slot beyond uint32': [{ ...valid, slot: 2 ** 32 }, /slot is out of range/],
    'a taskId beyond uint256': [{ ...valid, taskId: (1n << 256n).toString() }, /taskId is out of range/],
    'a taskId in hex': [{ ...valid, taskId: '0x01' }, /taskId must be/],
    'a bad contract address': [{ ...valid, contract: '0x1234' }, /contract must be/],
    'a bad operator address': [{ ...valid, operator: 'alice' }, /operator must be/],
    'a cosign that is not an object': [{ ...valid, cosign: 'yes' }, /cosign must be an object/],
    'a cosign status beyond uint16': [{ ...valid, cosign: { hitTimeMs: '1', status: 70_000, responseHash: `0x${'00'.repeat(32)}`, signature: `0x${'00'.repeat(65)}` } }, /status is out of range/],
    'a cosign with a short signature': [{ ...valid, cosign: { hitTimeMs: '1', status: 200, responseHash: `0x${'00'.repeat(32)}`, signature: '0x1234' } }, /signature must be 65 bytes/],
  };
  for (const [name, [body, message]] of Object.entries(badRequests)) {
    it(`refuses ${name}`, async () => {
      const answer = await post(body);
      assert.equal(answer.status, 400);
      assert.equal(answer.error, 'bad_request');
      assert.match(answer.message, message);
    });
  }

  it('refuses a body over the size cap', async () => {
    const answer = await post({ ...valid, padding: 'x'.repeat(5_000) });
    assert.deepEqual([answer.status, answer.error], [413, 'body_too_large']);
  });

  it('refuses an unknown chain and an unknown contract', async () => {
    const chain = await post({ ...valid, chainId: 1 });
    assert.deepEqual([chain.status, chain.error], [400, 'unknown_chain']);
    const other = await post({ ...valid, contract: '0x0000000000000000000000000000000000000001' });
    assert.deepEqual([other.status, other.error], [400, 'unknown_contract']);
  });

  it('answers 503 when the chain cannot be reached', async () => {
    const answer = await post(valid);
    assert.deepEqual([answer.status, answer.error], [503, 'chain_unavailable']);
  });
});

describe('configuration', () => {
  it('names the bad setting', () => {
    assert.throws(() => buildConfig({ chainId: 0, rpcUrl: 'http://x', contracts: [contract] }), /chainId must be a positive integer/);
    assert.throws(() => buildConfig({ chainId: 1, rpcUrl: 'ws://x', contracts: [contract] }), /rpcUrl must be an http\(s\) URL/);
    assert.throws(() => buildConfig({ chainId: 1, rpcUrl: 'http://x', contracts: [] }), /at least one/);
    assert.throws(() => buildConfig({ chainId: 1, rpcUrl: 'http://x', contracts: [contract], targetTimeoutMs: 20_000 }), /targetTimeoutMs must be an integer in \[100, 12000\]/);
  });
});
