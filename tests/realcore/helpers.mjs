// Helpers of the real-core suite: the binaries under test, automator-cli runs, reads of the real
// EigenLayer core, and tasks built so that exactly their last slot falls to a chosen operator.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPublicClient, createWalletClient, encodeAbiParameters, http, keccak256, parseAbi, parseEventLogs } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ROOT, loadAutomatorAbi } from '../../deploy/lib/devchain.mjs';
import { cliBinary } from '../../deploy/lib/realcore.mjs';

export { cliBinary };

const execFileAsync = promisify(execFile);

/** The build dir of the binaries: AUTOMATOR_BUILD_DIR, default build/. */
const buildDir = () => process.env.AUTOMATOR_BUILD_DIR ?? join(ROOT, 'build');
export const operatorBinary = () => process.env.AUTOMATOR_OPERATOR_BIN ?? join(buildDir(), 'actors', 'automator-operator');

/** Runs automator-cli; resolves to {code, out} (stdout and stderr together) whatever the exit code. */
export async function cli(args) {
  try {
    const { stdout, stderr } = await execFileAsync(cliBinary(), args, { cwd: ROOT, maxBuffer: 16 << 20 });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    if (typeof e.code !== 'number') throw e;
    return { code: e.code, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** The real core's functions the suite reads or calls beyond what automator-cli does. */
export const coreAbi = parseAbi([
  'function getMinimumSlashableStake((address avs, uint32 id) operatorSet, address[] operators, address[] strategies, uint32 futureBlock) view returns (uint256[][])',
  'function isOperatorSlashable(address operator, (address avs, uint32 id) operatorSet) view returns (bool)',
  'function isMemberOfOperatorSet(address operator, (address avs, uint32 id) operatorSet) view returns (bool)',
  'function DEALLOCATION_DELAY() view returns (uint32)',
  'function pause(uint256 newPausedStatus)',
  'function unpause(uint256 newPausedStatus)',
  'function paused() view returns (uint256)',
]);

/** PAUSED_OPERATOR_SLASHING of the real AllocationManager (bit 1). */
export const PAUSE_SLASHING = 1n << 1n;

/** Reads and writes on the chain: the AVS (ABI from contracts/out) and the core. */
export function chainClient({ rpcUrl, deployment }) {
  const abi = loadAutomatorAbi();
  const reader = createPublicClient({ transport: http(rpcUrl), pollingInterval: 250 });
  const set = { avs: deployment.automator, id: deployment.operatorSetId };
  const avs = (functionName, args = [], blockNumber) => reader.readContract({ address: deployment.automator, abi, functionName, args, blockNumber });
  return {
    abi,
    reader,
    avs,
    core: (functionName, args = [], blockNumber) => reader.readContract({ address: deployment.allocationManager, abi: coreAbi, functionName, args, blockNumber }),
    /** Minimum slashable stake of `operator` at `blockNumber` (default latest). */
    async slashableStake(operator, blockNumber) {
      const at = blockNumber ?? (await reader.getBlockNumber());
      const [[stake]] = await reader.readContract({
        address: deployment.allocationManager, abi: coreAbi, functionName: 'getMinimumSlashableStake',
        args: [set, [operator], [deployment.strategy], Number(at)], blockNumber: at,
      });
      return stake;
    },
    set,
    /** Sends a transaction with `key`; resolves to the receipt, throwing if it reverted. */
    async send(key, address, contractAbi, functionName, args = []) {
      const wallet = createWalletClient({ account: privateKeyToAccount(key), transport: http(rpcUrl), chain: null });
      const hash = await wallet.writeContract({ address, abi: contractAbi, functionName, args });
      const receipt = await reader.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') throw new Error(`${functionName} reverted (${hash})`);
      return receipt;
    },
    /** The AVS's events of one kind in a receipt. */
    events: (receipt, eventName) => parseEventLogs({ abi, logs: receipt.logs, eventName }).filter((l) => l.address.toLowerCase() === deployment.automator.toLowerCase()),
    /** The AVS's events of one kind since `fromBlock`. */
    async logs(eventName, fromBlock) {
      const logs = await reader.getContractEvents({ address: deployment.automator, abi, eventName, fromBlock });
      return logs;
    },
  };
}

/** The primary of (taskId, slot) in `set` (ascending), as SlotAssignment computes it. */
export function primaryOf(set, taskId, slot) {
  const h = BigInt(keccak256(encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], [BigInt(taskId), BigInt(slot)])));
  return set[Number(h % BigInt(set.length))];
}

/** The smallest slot count for task `taskId` whose last slot, and only it, is `operator`'s. */
export function countEndingWith(set, taskId, operator, max = 12) {
  for (let slot = 0; slot < max; slot++) {
    if (primaryOf(set, taskId, slot).toLowerCase() === operator.toLowerCase()) return slot + 1;
  }
  return null;
}
