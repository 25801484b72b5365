// End-to-end check of the deployed contracts on a real anvil started by deploy/lib/devchain.mjs:
// the devnet deployment (stand-in EigenLayer core, operators registered through it), a task, a
// proxy-signed hit submitted by its primary, the fee withdrawn, and a missed slot slashed.
// Run: node --test contracts/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, createWalletClient, hashTypedData, http, keccak256, parseEventLogs, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startDevchain, ANVIL_KEYS, ANVIL_ADDRESSES, loadAutomatorAbi } from '../../deploy/lib/devchain.mjs';
import { withOperators } from '../../portal/src/hitEvent.js';
import { hitTypes } from '../../proxy/src/hitSigner.js';

const abi = loadAutomatorAbi();
const coreAbi = [
  {
    type: 'function', name: 'getAllocatedStake', stateMutability: 'view',
    inputs: [
      { name: 'operatorSet', type: 'tuple', components: [{ name: 'avs', type: 'address' }, { name: 'id', type: 'uint32' }] },
      { name: 'operators', type: 'address[]' },
      { name: 'strategies', type: 'address[]' },
    ],
    outputs: [{ type: 'uint256[][]' }],
  },
];

test('devnet deployment: task, proven hit, withdrawal, missed slot slashed', { timeout: 180_000 }, async () => {
  const proxy = privateKeyToAccount(ANVIL_KEYS[9]);
  const chain = await startDevchain({
    operatorKeys: [ANVIL_KEYS[1], ANVIL_KEYS[2]],
    proxySignerAddresses: [proxy.address],
    params: { epochLength: 2, activationDelay: 1 },
  });
  try {
    const { deployment } = chain;
    assert.deepEqual(Object.keys(deployment).sort(), ['allocationManager', 'automator', 'chainId', 'delegationManager', 'deployBlock', 'operatorSetId', 'operators', 'proxySigners', 'strategy'].sort());
    assert.deepEqual(deployment.operators, [ANVIL_ADDRESSES[1], ANVIL_ADDRESSES[2]]);
    assert.deepEqual(deployment.proxySigners, [proxy.address]);

    const transport = http(chain.rpcUrl);
    const client = createPublicClient({ transport });
    const chainId = await client.getChainId();
    const viemChain = { id: chainId, name: 'anvil', nativeCurrency: { name: 'ETH', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [chain.rpcUrl] } } };
    const wallet = (key) => createWalletClient({ account: privateKeyToAccount(key), chain: viemChain, transport });
    const read = (functionName, args = []) => client.readContract({ address: deployment.automator, abi, functionName, args });
    const send = async (key, functionName, args, value) => {
      const hash = await wallet(key).writeContract({ address: deployment.automator, abi, functionName, args, value });
      const receipt = await client.waitForTransactionReceipt({ hash });
      assert.equal(receipt.status, 'success', `${functionName} reverted`);
      return parseEventLogs({ abi, logs: receipt.logs });
    };

    const now = (await client.getBlock()).timestamp;
    assert.equal((await read('operatorsAt', [now])).length, 2, 'operators active once startDevchain returns');

    const fee = 10n ** 15n;
    const created = await send(ANVIL_KEYS[0], 'createTask', ['https://example.com/hook', 0, '0x', now + 1n, 5, 3, 2, 1, fee], fee * 3n);
    const taskId = created.find((e) => e.eventName === 'TaskCreated').args.taskId;
    assert.equal(taskId, 1n);

    await client.request({ method: 'evm_increaseTime', params: [toHex(2)] });
    await client.request({ method: 'evm_mine', params: [] });
    const [eligible] = await read('eligibleOperators', [taskId, 0]);
    const primaryIndex = deployment.operators.indexOf(eligible[0]);
    const primaryKey = ANVIL_KEYS[1 + primaryIndex];
    const due = await read('slotTime', [taskId, 0]);
    const message = { taskId, slot: 0, operator: eligible[0], hitTimeMs: due * 1000n, status: 200, responseHash: keccak256('0x') };
    const domain = { name: 'FleekAutomator', version: '1', chainId, verifyingContract: deployment.automator };
    const signatures = await proxy.signTypedData({ domain, types: hitTypes, primaryType: 'Hit', message });
    assert.equal(await read('hitDigest', [message]), hashTypedData({ domain, types: hitTypes, primaryType: 'Hit', message }));

    const events = await send(primaryKey, 'submitHits', [[{ ...message, signatures }].map(({ operator, ...hit }) => hit)]);
    const [proven] = withOperators(events.filter((e) => e.eventName === 'HitProven'), events.filter((e) => e.eventName === 'HitsSubmitted'));
    assert.deepEqual(proven.args, { taskId, slot: 0, status: message.status, hitTimeMs: message.hitTimeMs, operator: eligible[0] });
    assert.equal(await read('slotState', [taskId, 0]), 1, 'proven');
    assert.equal(await read('owed', [eligible[0]]), fee);

    const before = await client.getBalance({ address: eligible[0] });
    await send(primaryKey, 'withdraw', []);
    assert.ok((await client.getBalance({ address: eligible[0] })) > before - 10n ** 14n, 'fee paid out (minus gas)');

    // Slot 1 is never proven: after its deadline anyone reports it and its primary is slashed.
    const deadline = await read('missDeadline', [taskId, 1]);
    const latest = (await client.getBlock()).timestamp;
    await client.request({ method: 'evm_increaseTime', params: [toHex(Number(deadline - latest) + 1)] });
    await client.request({ method: 'evm_mine', params: [] });
    const missed = await send(ANVIL_KEYS[5], 'reportMissed', [taskId, 1]);
    const slotMissed = missed.find((e) => e.eventName === 'SlotMissed');
    assert.equal(slotMissed.args.bounty, fee);
    assert.ok(missed.some((e) => e.eventName === 'OperatorSlashed' && e.args.operator === slotMissed.args.primary));
    const [[stake]] = await client.readContract({
      address: deployment.allocationManager, abi: coreAbi, functionName: 'getAllocatedStake',
      args: [{ avs: deployment.automator, id: 0 }, [slotMissed.args.primary], [deployment.strategy]],
    });
    assert.equal(stake, 10n ** 19n - 10n ** 17n, '1% of the 10 ETH stake slashed');
    const deposit = (await read('getTask', [taskId])).deposit;
    assert.equal(deposit, fee, 'one open slot left in the deposit');
    assert.equal(await client.getBalance({ address: deployment.automator }), deposit + (await read('owed', [ANVIL_ADDRESSES[5]])), 'balance = deposits + owed');
  } finally {
    await chain.stop();
  }
});
