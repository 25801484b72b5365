// The shared Hit vectors (tests/vectors/hit_vectors.json and the hits of eth_vectors.json, checked
// by the contract and the C++ node too): the proxy's signer must reproduce every struct hash,
// digest and signature.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hashStruct } from 'viem';
import { createHitSigner, hitDigest, hitTypes } from '../src/hitSigner.js';

const hits = ['hit_vectors.json', 'eth_vectors.json'].flatMap((file) =>
  JSON.parse(readFileSync(new URL(`../../tests/vectors/${file}`, import.meta.url), 'utf8')).hits.map((vector) => ({ file, ...vector })),
);

const toHit = (hit) => ({ ...hit, taskId: BigInt(hit.taskId), hitTimeMs: BigInt(hit.hitTimeMs) });

describe('shared Hit vectors', () => {
  it('has cases', () => assert.ok(hits.length > 0));

  for (const vector of hits) {
    it(`${vector.file} ${vector.name ?? `task ${vector.hit.taskId} slot ${vector.hit.slot}`}: struct hash, digest, signature`, async () => {
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
