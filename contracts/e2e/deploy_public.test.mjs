// Checks contracts/script/DeployPublic.s.sol on anvil: it deploys only the AVS against an
// existing EigenLayer core (here the devnet stand-in, standing for the real core's addresses),
// registers it with the core, writes the deployment JSON, and operators can then join.
// Run: node --test contracts/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPublicClient, createWalletClient, http, parseAbi } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startDevchain, ANVIL_KEYS, ANVIL_ADDRESSES, CONTRACTS_DIR, loadAutomatorAbi } from '../../deploy/lib/devchain.mjs';
import { FORGE, withFoundryPath } from '../../deploy/lib/foundry.mjs';

const coreAbi = parseAbi([
  'function getOperatorSet((address avs, uint32 id) operatorSet) view returns (bool exists, address slasher, address[] strategies)',
  'function avsMetadataURI(address avs) view returns (string)',
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
  'function depositStake(address strategy) payable',
  'function modifyAllocations(address operator, ((address avs, uint32 id) operatorSet, address[] strategies, uint64[] newMagnitudes)[] params)',
  'function registerForOperatorSets(address operator, (address avs, uint32[] operatorSetIds, bytes data) params)',
]);

test('DeployPublic deploys the AVS against given core addresses', { timeout: 180_000 }, async () => {
  const chain = await startDevchain({ waitForOperators: false });
  const out = join(CONTRACTS_DIR, 'cache', 'devchain', `deploy-public-${process.pid}.json`);
  try {
    const { deployment: core } = chain;
    await promisify(execFile)(
      FORGE,
      ['script', 'script/DeployPublic.s.sol', '--broadcast', '--rpc-url', chain.rpcUrl, '--private-key', ANVIL_KEYS[3]],
      {
        cwd: CONTRACTS_DIR,
        env: {
          ...withFoundryPath(),
          ALLOCATION_MANAGER: core.allocationManager,
          DELEGATION_MANAGER: core.delegationManager,
          STRATEGY: core.strategy,
          PROXY_SIGNERS: `${ANVIL_ADDRESSES[8]},${ANVIL_ADDRESSES[9]}`,
          AVS_METADATA_URI: 'https://example.com/public-avs.json',
          REDUNDANCY: '3',
          DEPLOYMENT_OUT: out,
        },
        maxBuffer: 64 << 20,
      },
    );
    const deployment = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(deployment.chainId, 31337);
    assert.equal(deployment.allocationManager, core.allocationManager);
    assert.equal(deployment.delegationManager, core.delegationManager);
    assert.equal(deployment.strategy, core.strategy);
    assert.equal(deployment.operatorSetId, 0);
    assert.deepEqual(deployment.proxySigners, [ANVIL_ADDRESSES[8], ANVIL_ADDRESSES[9]]);
    assert.deepEqual(deployment.operators, []);
    assert.notEqual(deployment.automator, core.automator);

    const transport = http(chain.rpcUrl);
    const client = createPublicClient({ transport });
    const abi = loadAutomatorAbi();
    assert.equal(await client.readContract({ address: deployment.automator, abi, functionName: 'owner' }), ANVIL_ADDRESSES[3]);
    assert.equal((await client.readContract({ address: deployment.automator, abi, functionName: 'params' })).redundancy, 3);
    const [exists, slasher, strategies] = await client.readContract({
      address: core.allocationManager, abi: coreAbi, functionName: 'getOperatorSet', args: [{ avs: deployment.automator, id: 0 }],
    });
    assert.ok(exists);
    assert.equal(slasher, deployment.automator, 'the AVS slashes its own set');
    assert.deepEqual(strategies, [core.strategy]);
    assert.equal(await client.readContract({ address: core.allocationManager, abi: coreAbi, functionName: 'avsMetadataURI', args: [deployment.automator] }), 'https://example.com/public-avs.json');

    // An operator joins through the core, as on a public chain.
    const chainDef = { id: 31337, name: 'anvil', nativeCurrency: { name: 'ETH', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [chain.rpcUrl] } } };
    const operator = createWalletClient({ account: privateKeyToAccount(ANVIL_KEYS[4]), chain: chainDef, transport });
    const call = async (functionName, args, value) => {
      const hash = await operator.writeContract({ address: core.allocationManager, abi: coreAbi, functionName, args, value });
      assert.equal((await client.waitForTransactionReceipt({ hash })).status, 'success', functionName);
    };
    const set = { avs: deployment.automator, id: 0 };
    await call('registerAsOperator', ['0x0000000000000000000000000000000000000000', 0, '']);
    await call('depositStake', [core.strategy], 10n ** 18n);
    await call('modifyAllocations', [ANVIL_ADDRESSES[4], [{ operatorSet: set, strategies: [core.strategy], newMagnitudes: [10n ** 18n] }]]);
    await call('registerForOperatorSets', [ANVIL_ADDRESSES[4], { avs: deployment.automator, operatorSetIds: [0], data: '0x' }]);
    const history = await client.readContract({ address: deployment.automator, abi, functionName: 'operatorSetHistory' });
    assert.deepEqual(history.at(-1).operators, [ANVIL_ADDRESSES[4]]);
  } finally {
    rmSync(out, { force: true });
    await chain.stop();
  }
});
