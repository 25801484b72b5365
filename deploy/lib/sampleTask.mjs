// Registers the devnet's sample task, "every 2 s for 2 minutes" against the sample target,
// from the portal's dev account so that it shows under "My tasks".
import { createPublicClient, createWalletClient, http, parseEther, parseEventLogs } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export const SAMPLE_SCHEDULE = { interval: 2, count: 60, tolerance: 5, leadSec: 10, feePerHit: parseEther('0.0001') };

/** @returns the new task's id */
export async function registerSampleTask({ rpcUrl, automator, abi, ownerKey, url, schedule = SAMPLE_SCHEDULE }) {
  const account = privateKeyToAccount(ownerKey);
  const client = createPublicClient({ transport: http(rpcUrl) });
  const wallet = createWalletClient({ account, transport: http(rpcUrl) });
  const block = await client.getBlock();
  const { interval, count, tolerance, leadSec, feePerHit } = schedule;
  const args = [url, 0, '0x', block.timestamp + BigInt(leadSec), interval, count, tolerance, 1, feePerHit];
  const { request } = await client.simulateContract({
    address: automator, abi, functionName: 'createTask', args, value: feePerHit * BigInt(count), account,
  });
  const hash = await wallet.writeContract(request);
  const receipt = await client.waitForTransactionReceipt({ hash });
  const [created] = parseEventLogs({ abi, eventName: 'TaskCreated', logs: receipt.logs });
  return created.args.taskId;
}
