// Gas benchmark of the AVS contract on a real anvil with the devnet deployment: createTask,
// submitHits at batch sizes 1, 10 and 100 (every hit's proxy signature checked on chain) and
// reportMissed. Prints a table of gas per transaction and per hit, split into execution gas
// (gasUsed minus the intrinsic 21,000 and calldata cost) and the whole transaction. Then a second
// table: the calls that go through the EigenLayer core (bench/gas/coreCalls.mjs) on the devnet's
// stand-in next to the real core (deploy/lib/realcore.mjs; skipped with the reason when the
// core's sources are not there).
// Run: node bench/gas/run.mjs      Target: <= 6,000 execution gas per verified hit at batch 100.
import { createPublicClient, createWalletClient, http, keccak256, toBytes, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startDevchain, ANVIL_KEYS, loadAutomatorAbi } from '../../deploy/lib/devchain.mjs';
import { CORE_BENCH_OPERATOR_KEYS, CORE_BENCH_PARAMS, measureCoreCalls } from './coreCalls.mjs';
import { hitTypes } from '../../proxy/src/hitSigner.js';

const OPERATOR_KEY = ANVIL_KEYS[1];
const PROXY_KEY = ANVIL_KEYS[9];
const USER_KEY = ANVIL_KEYS[0];
const TOLERANCE = 300;
const TARGET_PER_HIT = 6000;

const abi = loadAutomatorAbi();
const proxy = privateKeyToAccount(PROXY_KEY);
const chain = await startDevchain({
  operatorKeys: [OPERATOR_KEY],
  proxySignerAddresses: [proxy.address],
  params: { epochLength: 1, activationDelay: 1, maxTolerance: TOLERANCE },
});

try {
  const transport = http(chain.rpcUrl);
  const client = createPublicClient({ transport });
  const chainId = await client.getChainId();
  const anvilChain = { id: chainId, name: 'anvil', nativeCurrency: { name: 'ETH', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [chain.rpcUrl] } } };
  const user = createWalletClient({ account: privateKeyToAccount(USER_KEY), chain: anvilChain, transport });
  const operator = createWalletClient({ account: privateKeyToAccount(OPERATOR_KEY), chain: anvilChain, transport });
  const automator = chain.deployment.automator;
  const domain = { name: 'FleekAutomator', version: '1', chainId, verifyingContract: automator };

  const receiptOf = async (hash) => {
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
    const tx = await client.getTransaction({ hash });
    const bytes = toBytes(tx.input);
    const zeros = bytes.filter((b) => b === 0).length;
    const intrinsic = 21000 + 4 * zeros + 16 * (bytes.length - zeros);
    return { receipt, total: Number(receipt.gasUsed), execution: Number(receipt.gasUsed) - intrinsic, calldataBytes: bytes.length };
  };

  // A slot is served by the set in effect at its due time, so a task starts after the operator's
  // activation: one slot per second from the next second; `elapse` then makes its slots due.
  const elapse = async (seconds) => {
    await client.request({ method: 'evm_increaseTime', params: [toHex(seconds)] });
    await client.request({ method: 'evm_mine', params: [] });
  };
  const createTask = async (count) => {
    const block = await client.getBlock();
    const start = block.timestamp + 1n;
    const fee = 10n ** 9n;
    const hash = await user.writeContract({
      address: automator, abi, functionName: 'createTask',
      args: ['https://example.com/hook', 1, '0x7b7d', start, 1, count, TOLERANCE, 1, fee],
      value: fee * BigInt(count),
    });
    const gas = await receiptOf(hash);
    const taskId = await client.readContract({ address: automator, abi, functionName: 'taskCount' });
    return { taskId, start, gas };
  };

  const signedHits = async ({ taskId, start }, slots) =>
    Promise.all(slots.map(async (slot) => {
      const hitTimeMs = (start + BigInt(slot)) * 1000n;
      const responseHash = keccak256(toHex(`response ${slot}`));
      const message = { taskId, slot, operator: operator.account.address, hitTimeMs, status: 200, responseHash };
      const signatures = await proxy.signTypedData({ domain, types: hitTypes, primaryType: 'Hit', message });
      return { taskId, slot, hitTimeMs, status: 200, responseHash, signatures };
    }));

  const submit = async (hits) => {
    const hash = await operator.writeContract({ address: automator, abi, functionName: 'submitHits', args: [hits], gas: 30_000_000n });
    const gas = await receiptOf(hash);
    const accepted = gas.receipt.logs.filter((l) => l.topics[0] === hitProvenTopic).length;
    if (accepted !== hits.length) throw new Error(`only ${accepted} of ${hits.length} hits accepted`);
    return gas;
  };
  const hitProvenTopic = keccak256(toHex('HitProven(uint256,uint256)'));
  const range = (from, n) => Array.from({ length: n }, (_, i) => from + i);

  const rows = [];
  const warm = await createTask(200);
  rows.push({ op: 'createTask (200 slots, 1 gwei/hit)', n: 1, ...warm.gas });
  await elapse(120);
  // Steady state: the operator already has fees owed (its balance slot is non-zero).
  await submit(await signedHits(warm, [0]));

  for (const n of [1, 10, 100]) {
    const task = await createTask(200); // fresh task: the batch pays for its first bitmap word
    if (n === 1) rows.push({ op: 'createTask (200 slots), a later task', n: 1, ...task.gas });
    await elapse(120);
    rows.push({ op: `submitHits, batch ${n}, one task`, n, ...(await submit(await signedHits(task, range(0, n)))) });
  }
  const tasks = [];
  for (let i = 0; i < 10; i++) tasks.push(await createTask(200));
  await elapse(120);
  const mixed = [];
  for (const t of tasks) mixed.push(...(await signedHits(t, range(0, 10))));
  rows.push({ op: 'submitHits, batch 100, 10 tasks', n: 100, ...(await submit(mixed)) });

  // reportMissed: a slot of the warm-up task left unproven, once its deadline has passed.
  await elapse(400);
  const missHash = await user.writeContract({ address: automator, abi, functionName: 'reportMissed', args: [warm.taskId, 150] });
  rows.push({ op: 'reportMissed (with slashOperator)', n: 1, ...(await receiptOf(missHash)) });

  const fmt = (v) => String(v).padStart(12);
  console.log(`${'operation'.padEnd(36)}${fmt('hits')}${fmt('tx gas')}${fmt('exec gas')}${fmt('exec/hit')}${fmt('tx gas/hit')}${fmt('calldata B')}`);
  for (const r of rows) {
    console.log(`${r.op.padEnd(36)}${fmt(r.n)}${fmt(r.total)}${fmt(r.execution)}${fmt(Math.round(r.execution / r.n))}${fmt(Math.round(r.total / r.n))}${fmt(r.calldataBytes)}`);
  }
  const batch10 = rows.find((r) => r.op === 'submitHits, batch 10, one task');
  const batch100 = rows.find((r) => r.op === 'submitHits, batch 100, one task');
  const perHit = Math.round(batch100.execution / 100);
  const marginal = Math.round((batch100.execution - batch10.execution) / 90);
  console.log(`\nexecution gas per verified hit at batch 100: ${perHit} (target <= ${TARGET_PER_HIT}: ${perHit <= TARGET_PER_HIT ? 'met' : 'NOT met'})`);
  console.log(`marginal execution gas per extra hit (batch 10 -> 100): ${marginal}`);
  console.log('exec gas = gasUsed - 21000 - calldata (4/zero byte, 16/non-zero byte); tx gas = gasUsed.');
} finally {
  await chain.stop();
}

// ---------------------------------------------------------------- calls through the EigenLayer core
const onChain = async (start) => {
  const c = await start();
  try {
    return await measureCoreCalls(c);
  } finally {
    await c.stop();
  }
};
const standInRows = await onChain(() =>
  startDevchain({ proxySignerAddresses: [proxy.address], params: CORE_BENCH_PARAMS, waitForOperators: false }));
let realRows;
let realNote = '';
try {
  const { startRealCoreChain } = await import('../../deploy/lib/realcore.mjs');
  realRows = await onChain(() => startRealCoreChain({
    proxySignerAddresses: [proxy.address],
    fundAddresses: CORE_BENCH_OPERATOR_KEYS.map((k) => privateKeyToAccount(k).address),
    params: CORE_BENCH_PARAMS,
  }));
} catch (e) {
  realNote = `real core not measured: ${e.message.split('\n')[0]}`;
}
const col = (v) => String(v ?? '-').padStart(14);
console.log(`\n${'through the EigenLayer core (tx gas)'.padEnd(44)}${col('stand-in')}${col('real core')}`);
for (const [i, r] of standInRows.entries()) console.log(`${r.op.padEnd(44)}${col(r.gas)}${col(realRows?.[i].gas)}`);
if (realNote) console.log(realNote);
