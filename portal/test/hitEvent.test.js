// HitProven's packed word and the operator join, against the shared vector and by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { packHit, unpackHit, withOperators } from '../src/hitEvent.js';

const vectors = JSON.parse(readFileSync(new URL('../../tests/vectors/eth_vectors.json', import.meta.url), 'utf8'));

test('the shared HitProven vector unpacks to its fields', () => {
  const v = vectors.events.find((e) => e.event === 'HitProven');
  assert.deepEqual(unpackHit(v.args.packedHit), { ...v.unpacked, hitTimeMs: BigInt(v.unpacked.hitTimeMs) });
});

test('pack and unpack are inverse at the field limits', () => {
  const hit = { slot: 2 ** 32 - 1, status: 65535, hitTimeMs: 2n ** 64n - 1n };
  assert.equal(packHit(hit), (1n << 112n) - 1n);
  assert.deepEqual(unpackHit(packHit(hit)), hit);
});

test('a packedHit with bits above 111 is refused', () => {
  assert.throws(() => unpackHit(1n << 112n), /packedHit 5192296858534827628530496329220096 has bits above 111 set/);
});

test('each hit gets the operator of the HitsSubmitted in its transaction', () => {
  const proven = (tx, slot) => ({ transactionHash: tx, args: { taskId: 7n, packedHit: packHit({ slot, status: 200, hitTimeMs: 1000n }) } });
  const submitted = [{ transactionHash: '0xa', args: { operator: '0xA1' } }, { transactionHash: '0xb', args: { operator: '0xB2' } }];
  const hits = withOperators([proven('0xa', 1), proven('0xb', 2), proven('0xc', 3)], submitted);
  assert.deepEqual(hits.map((h) => [h.args.slot, h.args.operator]), [[1, '0xA1'], [2, '0xB2'], [3, undefined]]);
  assert.deepEqual(hits[0].args, { taskId: 7n, slot: 1, status: 200, hitTimeMs: 1000n, operator: '0xA1' });
});
