// Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/, one file per input,
// named by its SHA-1 as libFuzzer names inputs) from the cross-language vectors in tests/vectors/
// and a few JSON-RPC answers and store records written out here. The fuzz_abi type lists and
// the AVS event order are read from the C++ sources, so the seeds select the right decoders.
// Run: node tests/fuzz/make_corpus.mjs   (deterministic; commit the output)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keccak256, toBytes } from 'viem';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const vectors = JSON.parse(readFileSync(join(root, 'tests/vectors/eth_vectors.json'), 'utf8'));
const hex = (h) => Buffer.from(h.replace(/^0x/, ''), 'hex');
const quoted = (source) => [...source.matchAll(/^\s*"([^"]*)",?$/gm)].map((m) => m[1]);

const corpora = {};
const add = (target, bytes) => (corpora[target] ??= []).push(Buffer.from(bytes));

// ---------------------------------------------------------------- rlp, signed_tx
for (const v of [...vectors.rlp.items, ...vectors.rlp.uints]) add('rlp', hex(v.encoded));
for (const v of vectors.eip1559) {
  add('signed_tx', hex(v.raw));
  add('rlp', hex(v.raw).subarray(1));  // the transaction's RLP list
}

// ---------------------------------------------------------------- abi: type index byte + data
const abiSource = readFileSync(join(here, 'fuzz_abi.cpp'), 'utf8');
const typeLists = quoted(abiSource.slice(abiSource.indexOf('type_lists[] = {'), abiSource.indexOf('};', abiSource.indexOf('type_lists[] = {'))));
for (const v of vectors.abi) {
  const i = typeLists.indexOf(v.types);
  if (i >= 0) add('abi', Buffer.concat([Buffer.from([i]), hex(v.encoded)]));
}
for (const v of vectors.calls) {
  const i = typeLists.indexOf('(uint256,uint32,uint64,uint16,bytes32,bytes)[]');
  if (v.function === 'submitHits') add('abi', Buffer.concat([Buffer.from([i]), hex(v.calldata).subarray(4)]));
}
for (const v of vectors.errors) add('abi', Buffer.concat([Buffer.from([typeLists.indexOf('string')]), hex(v.data)]));

// ---------------------------------------------------------------- avs: pick, extra topics, topics, data
const eventsSource = readFileSync(join(root, 'node_core/eth/automator_events.cpp'), 'utf8');
const declarations = quoted(eventsSource.slice(eventsSource.indexOf('declarations = {'), eventsSource.indexOf('};', eventsSource.indexOf('declarations = {'))))
  .concat(['ParamsUpdated((uint32,uint32,uint8,uint32,uint32,uint32,uint32,uint32,uint64,uint16,uint16))']);
const topic0s = declarations.map((d) => keccak256(toBytes(d.replace(/ indexed/g, ''))));
for (const v of vectors.events) {
  const pick = topic0s.indexOf(v.topics[0]);
  if (pick < 0) throw new Error(`event ${v.event}: topic0 not among the C++ declarations`);
  add('avs', Buffer.concat([Buffer.from([pick, v.topics.length - 1]), ...v.topics.slice(1).map(hex), hex(v.data)]));
}
const returnDecoders = ['createTask', 'getTask', 'taskCount', 'slotState', 'slotTime', 'operatorsAt', 'eligibleOperators',
  'missDeadline', 'hitDigest', 'submitHits', 'owed', 'operatorInfo', 'isProxySigner', 'proxySigners', 'params'];
for (const v of vectors.results) {
  const i = returnDecoders.indexOf(v.function);
  if (i < 0) throw new Error(`result of ${v.function}: no return decoder in fuzz_avs.cpp`);
  add('avs', Buffer.concat([Buffer.from([topic0s.length + i, 0]), hex(v.data)]));
}
for (const v of vectors.errors) add('avs', Buffer.concat([Buffer.from([topic0s.length, 0]), hex(v.data)]));

// ---------------------------------------------------------------- json_rpc: answer bodies as anvil writes them
const h32 = (n) => '0x' + n.toString(16).padStart(64, '0');
const block = { hash: h32(0xb1), parentHash: h32(0xb0), number: '0x1b4', timestamp: '0x6553f100', baseFeePerGas: '0x3b9aca00', gasLimit: '0x1c9c380' };
const ev = vectors.events[0];
const log = { address: '0x5fbdb2315678afecb367f032d93f642f64180aa3', topics: ev.topics, data: ev.data, blockNumber: '0x1b4',
  blockHash: h32(0xb1), transactionHash: h32(0x7a), transactionIndex: '0x0', logIndex: '0x0', removed: false };
const receipt = { transactionHash: h32(0x7a), blockHash: h32(0xb1), blockNumber: '0x1b4', transactionIndex: '0x0', status: '0x1',
  gasUsed: '0x5208', cumulativeGasUsed: '0x5208', effectiveGasPrice: '0x3b9aca00', from: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
  to: '0x5fbdb2315678afecb367f032d93f642f64180aa3', contractAddress: null, logs: [log] };
const fees = { oldestBlock: '0x1b0', baseFeePerGas: ['0x3b9aca00', '0x3b9aca01'], gasUsedRatio: [0.5], reward: [['0x1', '0x2']] };
const answer = (result, id = 1) => ({ jsonrpc: '2.0', id, result });
for (const body of [
  answer(block), answer(receipt), answer([log]), answer(fees), answer('0x7a69'), answer(null),
  { jsonrpc: '2.0', id: 1, error: { code: 3, message: 'execution reverted', data: vectors.errors[0].data } },
  { jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'nonce too low' } },
  [answer('0x1', 2), answer([log], 1)],
]) add('json_rpc', JSON.stringify(body));

// ---------------------------------------------------------------- store_codec: msgpack records
function msgpack(v) {
  if (typeof v === 'number') return v < 128 ? Buffer.from([v]) : Buffer.concat([Buffer.from([0xcf]), u64(v)]);
  if (typeof v === 'bigint') return Buffer.concat([Buffer.from([0xcf]), u64(v)]);
  if (typeof v === 'string') return Buffer.concat([Buffer.from([0xd9, Buffer.byteLength(v)]), Buffer.from(v)]);
  if (Buffer.isBuffer(v)) return Buffer.concat([Buffer.from([0xc4, v.length]), v]);
  return Buffer.concat([Buffer.from([0x90 + v.length]), ...v.map(msgpack)]);
}
function u64(v) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(v));
  return b;
}
add('store_codec', msgpack([[0, 'tasks', Buffer.from('7'), Buffer.from('task record')], [1, 'proofs', Buffer.from('7/3')]]));
add('store_codec', msgpack([]));
add('store_codec', msgpack([3n, 120n]));  // a snapshot header
add('store_codec', msgpack([7, 3, Buffer.alloc(20, 1), 1700000000123n, 200, Buffer.alloc(32, 2), Buffer.alloc(65, 3)]));
add('store_codec', msgpack([['0x14e86f39eea48ea87c5c4cb042dc4df757fca8a1', '0x2dd4875c89b2985d7fc862dd7edebbd280194a55']]));

for (const [target, inputs] of Object.entries(corpora)) {
  const dir = join(here, 'corpus', target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const input of inputs) writeFileSync(join(dir, createHash('sha1').update(input).digest('hex')), input);
  console.log(`${target}: ${inputs.length} seeds`);
}
