// The shared Hit vectors (tests/vectors, generated with viem and checked by the contract and the
// C++ node): the proxy's signer must reproduce every struct hash, digest and signature.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hashStruct } from 'viem';
import { createHitSigner, hitDigest, hitTypes } from '../src/hitSigner.js';

const vectorsUrl = new URL('../../tests/vectors/eth_vectors.json', import.meta.url);
const { hits } = JSON.parse(readFileSync(vectorsUrl, 'utf8'));

const toHit = (hit) => ({ ...hit, taskId: BigInt(hit.taskId), hitTimeMs: BigInt(hit.hitTimeMs) });

describe('shared Hit vectors', () => {
  it('has cases', () => assert.ok(hits.length > 0));

  for (const vector of hits) {
    it(`task ${vector.hit.taskId} slot ${vector.hit.slot}: struct hash, digest and signature`, async () => {
      const hit = toHit(vector.hit);
      const { chainId, verifyingContract: contract } = vector.domain;
      assert.equal(hashStruct({ data: hit, primaryType: 'Hit', types: hitTypes }), vector.structHash);
      assert.equal(hitDigest({ chainId, contract, hit }), vector.digest);
      const signer = createHitSigner(vector.signerKey);
      assert.equal(signer.address, vector.signer);
      assert.deepEqual(await signer.signHit({ chainId, contract, hit }), { digest: vector.digest, signature: vector.signature });
    });
  }
});
