// Generates tests/vectors/eth_vectors.json: reference outputs of viem and, in the `cast`
// section, of Foundry's cast (implementations nobody here wrote) for the C++ node_core/eth
// tests, with the AVS ABI taken from the contracts themselves through `forge inspect` (events and
// functions from the interface IFleekAutomator, errors from the compiled FleekAutomator, which
// also reverts with its libraries' and OpenZeppelin's errors); and node_core/eth/avs_errors.inc,
// the node's list of those errors. Run from the repository root:
//   node tests/vectors/generate_eth_vectors.mjs            # writes both files
//   node tests/vectors/generate_eth_vectors.mjs --check    # exit 1 if either is stale
// The output is deterministic; commit it whenever this script or the contracts' ABI changes.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  keccak256, toRlp, encodeAbiParameters, parseAbiParameters, encodeFunctionData, encodeFunctionResult,
  encodeEventTopics, encodeErrorResult, getAddress, serializeTransaction, hashTypedData, hashDomain,
  hashStruct, toFunctionSelector, toEventSelector, toEventSignature, toFunctionSignature, stringToHex,
} from 'viem';
import { privateKeyToAccount, sign, serializeSignature } from 'viem/accounts';
import { packHit } from '../../portal/src/hitEvent.js';
import { CAST, FORGE } from '../../deploy/lib/foundry.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

// ---------------------------------------------------------------- helpers

// Deterministic pseudo-random bytes: a keccak chain from a label.
function prng(label) {
  let state = keccak256(stringToHex(label));
  return (n) => {
    let out = '';
    while (out.length < 2 * n) {
      state = keccak256(state);
      out += state.slice(2);
    }
    return '0x' + out.slice(0, 2 * n);
  };
}
const rnd = prng('fleek-automator eth vectors');
const randomAddress = () => getAddress(rnd(20));

// JSON cannot hold bigints: write them as decimal strings.
const plain = (v) =>
  typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? v.map(plain)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v;

// Minimal big-endian hex of an unsigned integer ("0x" for zero), the RLP integer form.
const minimalHex = (n) => (n === 0n ? '0x' : '0x' + (n.toString(16).length % 2 ? '0' : '') + n.toString(16));

// Well-known anvil development keys (public test keys, never used for real funds).
const keys = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
];

// ---------------------------------------------------------------- keccak, EIP-55

const keccak = [0, 1, 3, 31, 32, 33, 135, 136, 137, 200, 1000].map((n) => {
  const input = n === 0 ? '0x' : rnd(n);
  return { input, hash: keccak256(input) };
});
keccak.push({ input: stringToHex('abc'), hash: keccak256(stringToHex('abc')) });

const eip55 = Array.from({ length: 12 }, () => {
  const lower = rnd(20);
  return { lower, checksum: getAddress(lower) };
});

// ---------------------------------------------------------------- RLP

const rlpItems = [
  '0x', '0x00', '0x01', '0x7f', '0x80', '0xff', rnd(2), rnd(55), rnd(56), rnd(1024),
  [], ['0x'], [[], [[]], [[], [[]]]], ['0x01', ['0x', rnd(3)], rnd(60)],
  Array.from({ length: 20 }, () => rnd(3)),
];
const rlpUints = [0n, 1n, 127n, 128n, 255n, 256n, 1024n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 256n - 1n];
const rlp = {
  items: rlpItems.map((item) => ({ item, encoded: toRlp(item) })),
  uints: rlpUints.map((n) => ({ value: n.toString(), encoded: toRlp(minimalHex(n)) })),
};

// ---------------------------------------------------------------- generic ABI

const abiCases = [
  ['uint256', [2n ** 256n - 1n]],
  ['uint8,uint16,uint32,uint64,uint128', [255, 65535, 4294967295, 2n ** 64n - 1n, 2n ** 128n - 1n]],
  ['int256,int8,int64', [-1n, -128, -(2n ** 63n)]],
  ['address,bool,bool', [randomAddress(), true, false]],
  ['bytes32,bytes4,bytes1', [rnd(32), rnd(4), rnd(1)]],
  ['bytes,string', [rnd(70), 'hello, automator']],
  ['bytes,string', ['0x', '']],
  ['uint256[],address[]', [[1n, 2n, 3n], [randomAddress(), randomAddress()]]],
  ['uint32[3],bytes', [[7, 8, 9], rnd(5)]],
  ['string[]', [['a', 'bb', '']]],
  ['(uint256,bytes)[]', [[[1n, rnd(3)], [2n, '0x'], [3n, rnd(40)]]]],
  ['(uint256,uint32,uint64,uint16,bytes32,bytes)[]', [[
    [5n, 0, 1700000000123n, 200, rnd(32), rnd(65)],
    [5n, 1, 1700000010456n, 503, rnd(32), rnd(130)],
  ]]],
  ['(address,(uint8,string)[]),uint64[][]', [[randomAddress(), [[1, 'x'], [2, 'yz']]], [[1n], [], [2n, 3n]]]],
];
const abi = abiCases.map(([types, values]) => ({
  types, values: plain(values), encoded: encodeAbiParameters(parseAbiParameters(types), values),
}));

// ---------------------------------------------------------------- the AVS interface

const avsAbi = JSON.parse(execFileSync(
  FORGE,
  ['inspect', 'src/interfaces/IFleekAutomator.sol:IFleekAutomator', 'abi', '--json'],
  { cwd: join(root, 'contracts'), encoding: 'utf8' },
));
// Canonical "name(type,...)" of an ABI item, without viem's "error "/"function " prefix.
const canonical = (item) => (item.type === 'event' ? toEventSignature(item) : toFunctionSignature(item))
  .replace(/^(error|function|event) /, '');
const implementationAbi = JSON.parse(execFileSync(
  FORGE,
  ['inspect', 'src/FleekAutomator.sol:FleekAutomator', 'abi', '--json'],
  { cwd: join(root, 'contracts'), encoding: 'utf8' },
));
const errorItems = implementationAbi.filter((i) => i.type === 'error')
  .map((e) => ({ signature: canonical(e), selector: toFunctionSelector(canonical(e)) }))
  .sort((a, b) => (a.signature < b.signature ? -1 : 1));
const interfaceItems = {
  events: avsAbi.filter((i) => i.type === 'event').map((e) => ({ signature: canonical(e), topic0: toEventSelector(e) })),
  errors: errorItems,
  functions: avsAbi.filter((i) => i.type === 'function').map((f) => ({ signature: canonical(f), selector: toFunctionSelector(canonical(f)) })),
};

const [opA, opB, owner, signer] = [randomAddress(), randomAddress(), randomAddress(), randomAddress()];
const signedHits = [
  { taskId: 3n, slot: 0, hitTimeMs: 1700000000123n, status: 200, responseHash: rnd(32), signatures: rnd(65) },
  { taskId: 3n, slot: 7, hitTimeMs: 1700000070999n, status: 0, responseHash: rnd(32), signatures: rnd(130) },
];
const callCases = [
  ['createTask', ['https://example.com/fn?x=1', 1, stringToHex('{"a":1}'), 1700000000n, 10, 86400, 2, 1, 10n ** 15n]],
  ['cancelTask', [42n]],
  ['getTask', [7n]],
  ['taskCount', []],
  ['slotState', [7n, 12]],
  ['slotTime', [7n, 12]],
  ['operatorsAt', [1700000000n]],
  ['eligibleOperators', [9n, 4]],
  ['missDeadline', [9n, 4]],
  ['hitDigest', [{ taskId: 1n, slot: 2, operator: opA, hitTimeMs: 3n, status: 200, responseHash: rnd(32) }]],
  ['submitHits', [signedHits]],
  ['submitHits', [[]]],
  ['reportMissed', [9n, 4]],
  ['owed', [opA]],
  ['withdraw', []],
  ['operatorInfo', [opB]],
  ['isProxySigner', [signer]],
  ['proxySigners', []],
  ['addProxySigner', [signer]],
  ['params', []],
];
const calls = callCases.map(([functionName, args]) => ({
  function: functionName, args: plain(args), calldata: encodeFunctionData({ abi: avsAbi, functionName, args }),
}));

const task = {
  owner, start: 1700000000n, interval: 10, count: 8640, tolerance: 2, method: 1, quorum: 2, cancelled: false,
  feePerHit: 10n ** 15n, deposit: 8n * 10n ** 18n, proven: 5, missed: 1, createdBlock: 123n,
  targetHash: keccak256(stringToHex('https://example.com/fn')), bodyHash: keccak256('0x'),
};
const params = {
  epochLength: 3600, activationDelay: 600, redundancy: 3, failoverDelay: 5, submitWindow: 600,
  minTolerance: 1, maxTolerance: 60, maxMisses: 10, slashWad: 10n ** 15n, maxUrlLength: 2048, maxBodyLength: 4096,
};
const resultCases = [
  ['getTask', task],
  ['taskCount', 12n],
  ['slotState', 2],
  ['slotTime', 1700000120n],
  ['operatorsAt', [opA, opB, owner]],
  ['eligibleOperators', [[opB, opA], [1700000040n, 1700000045n]]],
  ['missDeadline', 1700000700n],
  ['hitDigest', rnd(32)],
  ['submitHits', 2n],
  ['owed', 123456789n],
  ['operatorInfo', { registered: true, ejected: false, misses: 2, hitsProven: 99, feesEarned: 5n * 10n ** 17n }],
  ['isProxySigner', true],
  ['proxySigners', [signer, opA]],
  ['params', params],
];
const results = resultCases.map(([functionName, result]) => ({
  function: functionName, result: plain(result), data: encodeFunctionResult({ abi: avsAbi, functionName, result }),
}));

// Event logs: topics from encodeEventTopics, data from the non-indexed inputs.
function eventLog(eventName, args) {
  const item = avsAbi.find((i) => i.type === 'event' && i.name === eventName);
  const topics = encodeEventTopics({ abi: avsAbi, eventName, args });
  const dataInputs = item.inputs.filter((i) => !i.indexed);
  const data = encodeAbiParameters(dataInputs, dataInputs.map((i) => args[i.name]));
  return { event: eventName, args: plain(args), topics, data };
}
const provenHit = { slot: 3, status: 204, hitTimeMs: 1700000030500n };
const events = [
  eventLog('TaskCreated', {
    taskId: 4n, owner, url: 'https://example.com/fn', method: 1, body: stringToHex('{"ping":true}'),
    start: 1700000000n, interval: 10, count: 100, tolerance: 2, quorum: 1, feePerHit: 10n ** 15n,
  }),
  eventLog('TaskCancelled', { taskId: 4n, refund: 9n * 10n ** 16n }),
  { ...eventLog('HitProven', { taskId: 4n, packedHit: packHit(provenHit) }), unpacked: plain(provenHit) },
  eventLog('HitRejected', { taskId: 4n, slot: 3, operator: opB, reason: 5 }),
  eventLog('HitsSubmitted', { operator: opA, accepted: 3n, rejected: 1n }),
  eventLog('SlotMissed', { taskId: 4n, slot: 9, primary: opB, reporter: owner, bounty: 10n ** 15n }),
  eventLog('OperatorSlashed', { operator: opB, slashId: 1n, wad: 10n ** 15n }),
  eventLog('OperatorEjected', { operator: opB, misses: 10 }),
  eventLog('OperatorRegistered', { operator: opA }),
  eventLog('OperatorDeregistered', { operator: opA }),
  eventLog('OperatorSetScheduled', { effectiveFrom: 1700003600n, operators: [opA, opB] }),
  eventLog('ProxySignerAdded', { signer }),
  eventLog('ProxySignerRemoved', { signer }),
  eventLog('Withdrawn', { account: opA, amount: 7n }),
  eventLog('ParamsUpdated', { params }),
];

const errors = [
  ['UnknownTask', [7n], 'UnknownTask(7)'],
  ['NotTaskOwner', [7n, opA], `NotTaskOwner(7,${opA})`],
  ['ToleranceOutOfBounds', [100, 1, 60], 'ToleranceOutOfBounds(100,1,60)'],
  ['BadParams', ['redundancy'], 'BadParams("redundancy")'],
  ['ZeroInterval', [], 'ZeroInterval()'],
].map(([errorName, args, text]) => ({ data: encodeErrorResult({ abi: avsAbi, errorName, args }), text }));
const builtinErrorAbi = [
  { type: 'error', name: 'Error', inputs: [{ type: 'string', name: 'message' }] },
  { type: 'error', name: 'Panic', inputs: [{ type: 'uint256', name: 'code' }] },
];
errors.push({ data: encodeErrorResult({ abi: builtinErrorAbi, errorName: 'Error', args: ['too late'] }), text: 'Error("too late")' });
errors.push({ data: encodeErrorResult({ abi: builtinErrorAbi, errorName: 'Panic', args: [0x11n] }), text: 'Panic(0x11 arithmetic overflow)' });

// ---------------------------------------------------------------- signatures

const signatures = [];
for (const key of keys) {
  for (let i = 0; i < 4; ++i) {
    const digest = rnd(32);
    const sig = await sign({ hash: digest, privateKey: key });
    signatures.push({ key, address: privateKeyToAccount(key).address, digest, signature: serializeSignature(sig) });
  }
}

// ---------------------------------------------------------------- EIP-1559 transactions

const txCases = [
  { chainId: 31337, nonce: 0, maxPriorityFeePerGas: 1000000000n, maxFeePerGas: 2000000000n, gas: 21000n,
    to: randomAddress(), value: 10n ** 18n, data: '0x' },
  { chainId: 1, nonce: 1234, maxPriorityFeePerGas: 0n, maxFeePerGas: 30000000000n, gas: 500000n,
    to: randomAddress(), value: 0n, data: encodeFunctionData({ abi: avsAbi, functionName: 'submitHits', args: [signedHits] }) },
  { chainId: 17000, nonce: 2n ** 40n, maxPriorityFeePerGas: 1n, maxFeePerGas: 1n, gas: 30000000n,
    to: undefined, value: 0n, data: rnd(100) },
];
const eip1559 = [];
for (const [i, tx] of txCases.entries()) {
  const key = keys[i % keys.length];
  const account = privateKeyToAccount(key);
  const raw = await account.signTransaction({ type: 'eip1559', accessList: [], ...tx });
  eip1559.push({
    key, sender: account.address, tx: plain({ ...tx, to: tx.to ?? null }),
    signingHash: keccak256(serializeTransaction({ type: 'eip1559', accessList: [], ...tx })), raw, hash: keccak256(raw),
  });
}

// ---------------------------------------------------------------- EIP-712 Hit

const hitTypes = {
  Hit: [
    { name: 'taskId', type: 'uint256' }, { name: 'slot', type: 'uint32' }, { name: 'operator', type: 'address' },
    { name: 'hitTimeMs', type: 'uint64' }, { name: 'status', type: 'uint16' }, { name: 'responseHash', type: 'bytes32' },
  ],
};
const hits = [];
for (const [i, chainId] of [31337, 1, 17000].entries()) {
  const domain = { name: 'FleekAutomator', version: '1', chainId, verifyingContract: randomAddress() };
  const message = {
    taskId: BigInt(i * 1000 + 1), slot: i * 17, operator: randomAddress(), hitTimeMs: 1700000000000n + BigInt(i),
    status: [200, 500, 0][i], responseHash: rnd(32),
  };
  const digest = hashTypedData({ domain, types: hitTypes, primaryType: 'Hit', message });
  const signerKey = keys[i];
  const sig = serializeSignature(await sign({ hash: digest, privateKey: signerKey }));
  hits.push({
    domain, domainSeparator: hashDomain({ domain, types: { EIP712Domain: [
      { name: 'name', type: 'string' }, { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }] } }),
    hit: plain(message), structHash: hashStruct({ data: message, primaryType: 'Hit', types: hitTypes }), digest,
    signerKey, signer: privateKeyToAccount(signerKey).address, signature: sig,
  });
}

// ---------------------------------------------------------------- slot assignment (docs/slot-lifecycle.md)

const operatorPool = Array.from({ length: 6 }, randomAddress)
  .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
const assignment = [
  [1n, 0, 5, 3], [1n, 1, 5, 3], [1n, 2, 5, 3], [7n, 12345, 3, 5], [2n ** 40n, 7, 1, 3],
  [99n, 4294967295, 6, 1], [12n, 100, 6, 6], [3n, 8, 2, 2],
].map(([taskId, slot, n, redundancy]) => {
  const h = BigInt(keccak256(encodeAbiParameters(parseAbiParameters('uint256,uint32'), [taskId, slot])));
  const set = operatorPool.slice(0, n);
  const ranks = Math.min(redundancy, n);
  const operators = Array.from({ length: ranks }, (_, r) => set[Number((h + BigInt(r)) % BigInt(n))]);
  return { taskId: taskId.toString(), slot, operatorSet: set, redundancy, operators };
});

// ---------------------------------------------------------------- cast (Foundry), a second opinion

const cast = (...args) => execFileSync(CAST, args, { encoding: 'utf8' }).trim();
const castHit = (h) => `(${h.taskId},${h.slot},${h.hitTimeMs},${h.status},${h.responseHash},${h.signatures})`;
const submitHitsSig = 'submitHits((uint256,uint32,uint64,uint16,bytes32,bytes)[])';
const castTx = {
  key: keys[1], chainId: 31337, nonce: 7, gas: 50000, maxFeePerGas: '3000000000', maxPriorityFeePerGas: '1000000000',
  to: randomAddress(), value: '5', hits: plain(signedHits),
};
castTx.raw = cast('mktx', '--private-key', castTx.key, '--nonce', String(castTx.nonce), '--gas-limit', String(castTx.gas),
  '--gas-price', castTx.maxFeePerGas, '--priority-gas-price', castTx.maxPriorityFeePerGas, '--chain', String(castTx.chainId),
  castTx.to, submitHitsSig, `[${signedHits.map(castHit).join(',')}]`, '--value', castTx.value);
const castVectors = {
  submitHits: {
    hits: plain(signedHits),
    calldata: cast('calldata', submitHitsSig, `[${signedHits.map(castHit).join(',')}]`),
  },
  eventTopics: interfaceItems.events.map((e) => ({ signature: e.signature, topic0: cast('sig-event', e.signature) })),
  signatures: signatures.slice(0, 4).map((v) => ({
    key: v.key, digest: v.digest, signature: cast('wallet', 'sign', '--no-hash', '--private-key', v.key, v.digest),
  })),
  eip55: eip55.slice(0, 4).map((v) => ({ lower: v.lower, checksum: cast('to-check-sum-address', v.lower) })),
  keccak: keccak.slice(0, 4).map((v) => ({ input: v.input, hash: cast('keccak', v.input) })),
  submitHitsTx: castTx,
};

const out = {
  generator: 'tests/vectors/generate_eth_vectors.mjs (viem; AVS ABI from forge inspect of IFleekAutomator.sol, errors of FleekAutomator)',
  keccak, eip55, rlp, abi, interface: interfaceItems, calls, results, events, errors, signatures, eip1559, hits, assignment, cast: castVectors,
};
const errorsInc = [
  '// Generated by tests/vectors/generate_eth_vectors.mjs from the compiled FleekAutomator ABI: every',
  '// custom error the AVS can revert with. Do not edit; run the generator after changing the contracts.',
  ...errorItems.map((e) => `"${e.signature}",`),
].join('\n') + '\n';
const outputs = [
  [join(here, 'eth_vectors.json'), JSON.stringify(out, null, 1) + '\n'],
  [join(root, 'node_core', 'eth', 'avs_errors.inc'), errorsInc],
];
if (process.argv.includes('--check')) {
  const stale = outputs.filter(([path, text]) => readFileSync(path, 'utf8') !== text).map(([path]) => path);
  if (stale.length) {
    console.error(`stale: ${stale.join(', ')}: run node tests/vectors/generate_eth_vectors.mjs and commit the result`);
    process.exit(1);
  }
  console.log('eth vectors and the node\'s AVS error list match the contracts');
} else {
  for (const [path, text] of outputs) {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
