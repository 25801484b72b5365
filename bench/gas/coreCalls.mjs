// Gas of the AVS's calls that go through the EigenLayer core, on a given chain (the devnet's
// stand-in or the real core): an operator's registerForOperatorSets (which calls back the AVS),
// reportMissed with a real slashOperator (the first slash on the set, a later one, and the third
// miss that also ejects: slash + deregisterFromOperatorSets), reportMissed while the core has
// slashing paused (the slash deferred), retrySlash once unpaused, and an operator's own
// deregisterFromOperatorSets. Used by bench/gas/run.mjs; each row is the transaction's gasUsed.
import { createPublicClient, createWalletClient, http, parseAbi, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ANVIL_KEYS, loadAutomatorAbi } from '../../deploy/lib/devchain.mjs';

const coreAbi = parseAbi([
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
  'function depositStake(address strategy) payable',
  'function approve(address spender, uint256 amount) returns (bool)',
  'function depositIntoStrategy(address strategy, address token, uint256 amount) returns (uint256)',
  'function modifyAllocations(address operator, ((address avs, uint32 id) operatorSet, address[] strategies, uint64[] newMagnitudes)[] params)',
  'function registerForOperatorSets(address operator, (address avs, uint32[] operatorSetIds, bytes data) params)',
  'function deregisterFromOperatorSets((address operator, address avs, uint32[] operatorSetIds) params)',
  'function pause(uint256 newPausedStatus)',
  'function unpause(uint256 newPausedStatus)',
]);
const SLASHING_PAUSED = 2n; // AllocationManager pause bit 1 (both cores)
const STAKE = 10n ** 18n;

/** Operator keys the measurement registers (anvil accounts 1..3); the chain must not have them yet. */
export const CORE_BENCH_OPERATOR_KEYS = ANVIL_KEYS.slice(1, 4);

/**
 * Runs the sequence on `chain` ({rpcUrl, deployment}; `deployment.strategyManager` and
 * `deployment.token` present on the real core) and returns rows {op, gas}.
 */
export async function measureCoreCalls(chain) {
  const { deployment } = chain;
  const abi = loadAutomatorAbi();
  const transport = http(chain.rpcUrl);
  const client = createPublicClient({ transport });
  const chainId = await client.getChainId();
  const viemChain = { id: chainId, name: 'anvil', nativeCurrency: { name: 'ETH', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [chain.rpcUrl] } } };
  const wallet = (key) => createWalletClient({ account: privateKeyToAccount(key), chain: viemChain, transport });
  const owner = ANVIL_KEYS[0]; // deployer, task owner, reporter and the core's pauser on both chains
  const gasOf = async (key, address, contractAbi, functionName, args, value) => {
    const account = privateKeyToAccount(key);
    // simulated first, so that a refusal throws with the contract's decoded error
    await client.simulateContract({ account, address, abi: [...contractAbi, ...abi], functionName, args, value });
    const hash = await wallet(key).writeContract({ address, abi: contractAbi, functionName, args, value, gas: 3_000_000n });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted (${hash})`);
    return Number(receipt.gasUsed);
  };
  const core = (key, functionName, args, value) => gasOf(key, deployment.allocationManager, coreAbi, functionName, args, value);
  const avs = (key, functionName, args) => gasOf(key, deployment.automator, abi, functionName, args);
  const read = (functionName, args) => client.readContract({ address: deployment.automator, abi, functionName, args });
  const elapse = async (seconds) => {
    await client.request({ method: 'evm_increaseTime', params: [toHex(seconds)] });
    await client.request({ method: 'evm_mine', params: [] });
  };
  const set = { avs: deployment.automator, id: deployment.operatorSetId };
  const rows = [];
  // The real core's slashOperatorShares looks MIN_WITHDRAWAL_DELAY_BLOCKS (900 in EigenLayer's
  // local config) back and underflows before that block: start past it on both chains.
  const height = Number(await client.getBlockNumber());
  if (height < 1000) await client.request({ method: 'anvil_mine', params: [toHex(1000 - height)] });

  const operators = CORE_BENCH_OPERATOR_KEYS.map((key) => ({ key, address: privateKeyToAccount(key).address }));
  for (const [i, { key, address }] of operators.entries()) {
    await gasOf(key, deployment.delegationManager, coreAbi, 'registerAsOperator', ['0x0000000000000000000000000000000000000000', 0, '']);
    if (deployment.strategyManager) {
      await gasOf(key, deployment.token, coreAbi, 'approve', [deployment.strategyManager, STAKE]);
      await gasOf(key, deployment.strategyManager, coreAbi, 'depositIntoStrategy', [deployment.strategy, deployment.token, STAKE]);
    } else {
      await core(key, 'depositStake', [deployment.strategy], STAKE);
    }
    await core(key, 'modifyAllocations', [address, [{ operatorSet: set, strategies: [deployment.strategy], newMagnitudes: [10n ** 18n] }]]);
    const gas = await core(key, 'registerForOperatorSets', [address, { avs: deployment.automator, operatorSetIds: [set.id], data: '0x' }]);
    if (i === 0) rows.push({ op: 'registerForOperatorSets (first member)', gas });
    if (i === 1) rows.push({ op: 'registerForOperatorSets', gas });
  }
  await elapse(CORE_BENCH_PARAMS.epochLength + 1); // the set change takes effect at the next boundary

  const start = (await client.getBlock()).timestamp + 1n;
  const count = 300;
  const fee = 10n ** 9n;
  await gasOf(owner, deployment.automator, abi, 'createTask', ['https://example.com/hook', 1, '0x', start, 1, count, 5, 1, fee], fee * BigInt(count));
  const taskId = await read('taskCount');
  await elapse(count + 200); // every slot past its miss deadline
  const primaries = await Promise.all(Array.from({ length: count }, (_, slot) => read('eligibleOperators', [taskId, slot]).then(([ops]) => ops[0])));
  const slotsOf = (address) => primaries.flatMap((p, slot) => (p === address ? [slot] : []));
  const [victim, other, leaver] = operators;
  const [v0, v1, v2] = slotsOf(victim.address);
  rows.push({ op: 'reportMissed, slash (first on the set)', gas: await avs(owner, 'reportMissed', [taskId, v0]) });
  rows.push({ op: 'reportMissed, slash', gas: await avs(owner, 'reportMissed', [taskId, v1]) });
  rows.push({ op: 'reportMissed, slash + eject (deregister)', gas: await avs(owner, 'reportMissed', [taskId, v2]) });

  const [o0] = slotsOf(other.address);
  await core(owner, 'pause', [SLASHING_PAUSED]);
  rows.push({ op: 'reportMissed, slashing paused (deferred)', gas: await avs(owner, 'reportMissed', [taskId, o0]) });
  await core(owner, 'unpause', [0n]);
  rows.push({ op: 'retrySlash', gas: await avs(owner, 'retrySlash', [taskId, o0]) });

  rows.push({
    op: 'deregisterFromOperatorSets (operator)',
    gas: await core(leaver.key, 'deregisterFromOperatorSets', [{ operator: leaver.address, avs: deployment.automator, operatorSetIds: [set.id] }]),
  });
  return rows;
}

/** Bench parameters both chains are deployed with: an hour-long epoch, so that the three
 * registrations fall in one epoch (the later ones rewrite its pending set entry) whatever the
 * wall clock does, and the rows do not depend on where epoch boundaries fall. */
export const CORE_BENCH_PARAMS = { epochLength: 3600, activationDelay: 1, maxTolerance: 300 };
