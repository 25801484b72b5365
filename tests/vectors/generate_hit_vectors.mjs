// Writes tests/vectors/hit_vectors.json: EIP-712 `Hit` digests and proxy signatures made with
// fixed keys, and slot assignments (primary and backups) for a fixed operator list. The
// contracts (contracts/test/HitVectors.t.sol), the C++ node and the JS proxy each check their
// own hashing, signing/recovery and assignment against this file, so all three agree.
// Run: node tests/vectors/generate_hit_vectors.mjs   (deterministic; commit the output)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { concat, domainSeparator, encodeAbiParameters, hashTypedData, keccak256, maxUint256, toBytes } from 'viem';
import { privateKeyToAddress, sign, serializeSignature } from 'viem/accounts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'hit_vectors.json');
const VERIFYING_CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const HIT_TYPE = 'Hit(uint256 taskId,uint32 slot,address operator,uint64 hitTimeMs,uint16 status,bytes32 responseHash)';
const types = {
  Hit: [
    { name: 'taskId', type: 'uint256' },
    { name: 'slot', type: 'uint32' },
    { name: 'operator', type: 'address' },
    { name: 'hitTimeMs', type: 'uint64' },
    { name: 'status', type: 'uint16' },
    { name: 'responseHash', type: 'bytes32' },
  ],
};

// Fixed proxy keys: keccak256 of a label, so that anyone can re-derive them.
const signerKey = (label) => keccak256(toBytes(`fleek-automator/test-vector-signer/${label}`));
const operator = (label) => privateKeyToAddress(keccak256(toBytes(`fleek-automator/test-vector-operator/${label}`)));

const hitCases = [
  { name: 'devnet-basic', chainId: 31337, signer: 'a', hit: { taskId: 1n, slot: 0, operator: operator(1), hitTimeMs: 1700000000123n, status: 200, responseHash: keccak256(toBytes('hello')) } },
  { name: 'holesky-404', chainId: 17000, signer: 'a', hit: { taskId: 42n, slot: 7, operator: operator(2), hitTimeMs: 1731000000999n, status: 404, responseHash: keccak256(toBytes('not found')) } },
  { name: 'max-task-id-max-slot-status-0', chainId: 31337, signer: 'b', hit: { taskId: maxUint256, slot: 0xffffffff, operator: operator(3), hitTimeMs: 1n, status: 0, responseHash: `0x${'00'.repeat(32)}` } },
  { name: 'max-time-max-status', chainId: 17000, signer: 'b', hit: { taskId: 2n ** 128n + 5n, slot: 1, operator: operator(4), hitTimeMs: 2n ** 64n - 1n, status: 65535, responseHash: `0x${'ff'.repeat(32)}` } },
  { name: 'empty-body', chainId: 31337, signer: 'c', hit: { taskId: 3n, slot: 128, operator: operator(5), hitTimeMs: 1700000010000n, status: 204, responseHash: keccak256('0x') } },
  { name: 'holesky-second-signer', chainId: 17000, signer: 'c', hit: { taskId: 1000000n, slot: 255, operator: operator(1), hitTimeMs: 1731000000000n, status: 500, responseHash: keccak256(toBytes('oops')) } },
];

async function hitVector({ name, chainId, signer, hit }) {
  const domain = { name: 'FleekAutomator', version: '1', chainId, verifyingContract: VERIFYING_CONTRACT };
  const typeHash = keccak256(toBytes(HIT_TYPE));
  const structHash = keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, ...types.Hit.map(({ type }) => ({ type }))],
      [typeHash, hit.taskId, hit.slot, hit.operator, hit.hitTimeMs, hit.status, hit.responseHash],
    ),
  );
  const separator = domainSeparator({ domain });
  const digest = keccak256(concat(['0x1901', separator, structHash]));
  // Cross-check the hand-built encoding against viem's EIP-712 implementation.
  if (digest !== hashTypedData({ domain, types, primaryType: 'Hit', message: hit })) throw new Error(`${name}: digest mismatch`);
  const key = signerKey(signer);
  const signature = serializeSignature(await sign({ hash: digest, privateKey: key }));
  return {
    name,
    domain,
    domainSeparator: separator,
    hit: { ...hit, taskId: hit.taskId.toString(), hitTimeMs: hit.hitTimeMs.toString() },
    typeHash,
    structHash,
    digest,
    signerKey: key,
    signer: privateKeyToAddress(key),
    signature,
  };
}

// Assignment: h = uint256(keccak256(abi.encode(uint256 taskId, uint256 slot))); with the sorted
// set O (the first n operators below), position r is O[(h + r) % n], r = 0..min(R, n)-1.
const operators = [1, 2, 3, 4, 5, 6, 7].map(operator).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
const redundancy = 3;
const assignmentCases = [
  [1n, 0, 1], [1n, 0, 2], [1n, 1, 3], [42n, 7, 4], [maxUint256, 0xffffffff, 7], [123456789n, 1000, 5], [2n ** 200n, 3, 6], [7n, 42, 7],
];

function assignmentVector([taskId, slot, n]) {
  const h = BigInt(keccak256(encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], [taskId, BigInt(slot)])));
  const set = operators.slice(0, n);
  const m = Math.min(redundancy, n);
  const eligible = Array.from({ length: m }, (_, r) => set[Number((h + BigInt(r)) % BigInt(n))]);
  return {
    taskId: taskId.toString(),
    slot,
    n,
    h: `0x${h.toString(16).padStart(64, '0')}`,
    primaryIndex: Number(h % BigInt(n)),
    primary: eligible[0],
    backups: eligible.slice(1),
  };
}

const hits = [];
for (const c of hitCases) hits.push(await hitVector(c));
const vectors = {
  description:
    'EIP-712 Hit digests/signatures and slot assignments shared by the contracts, the C++ node and the JS proxy. Generated by tests/vectors/generate_hit_vectors.mjs; do not edit.',
  hitType: HIT_TYPE,
  hitCount: hits.length,
  hits,
  assignment: { redundancy, operators, caseCount: assignmentCases.length, cases: assignmentCases.map(assignmentVector) },
};
writeFileSync(OUT, JSON.stringify(vectors, null, 2) + '\n');
console.log(`wrote ${OUT}: ${hits.length} hit vectors, ${assignmentCases.length} assignment cases`);
