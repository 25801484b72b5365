// Test helpers around a real devchain (deploy/lib/devchain.mjs): create and cancel tasks as the
// deployer, submit proofs as an operator, and read back which hits were proven or rejected.

import { createPublicClient, createWalletClient, decodeEventLog, http, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ANVIL_KEYS, loadAutomatorAbi } from '../../../deploy/lib/devchain.mjs';
import { REJECT_REASONS } from '../../../portal/src/hitEvent.js';

export const methods = { GET: 0, POST: 1, PUT: 2, PATCH: 3, DELETE: 4 };

/**
 * @param {{rpcUrl: string, deployment: {chainId: number, automator: `0x${string}`}}} chain
 */
export function automatorClient({ rpcUrl, deployment }) {
  const abi = loadAutomatorAbi();
  const address = deployment.automator;
  const transport = http(rpcUrl);
  const reader = createPublicClient({ transport });
  const wallet = (key) => createWalletClient({ account: privateKeyToAccount(key), transport, chain: null });
  const owner = wallet(ANVIL_KEYS[0]);

  async function send(client, functionName, args) {
    const hash = await client.writeContract({ address, abi, functionName, args, chain: { id: deployment.chainId } });
    const receipt = await reader.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted`);
    return receipt.logs.filter((log) => log.address.toLowerCase() === address.toLowerCase()).map((log) => decodeEventLog({ abi, ...log }));
  }

  return {
    abi,
    address,
    reader,
    read: (functionName, args = []) => reader.readContract({ address, abi, functionName, args }),
    async latestTimestamp() {
      return Number((await reader.getBlock()).timestamp);
    },

    /** Creates a cashless task and returns its id. */
    async createTask({ url, method = 'POST', body = '', start, interval = 1, count = 30, tolerance = 300, quorum = 1 }) {
      const events = await send(owner, 'createTask', [url, methods[method], toHex(body), BigInt(start), interval, count, tolerance, quorum, 0n]);
      return events.find((event) => event.eventName === 'TaskCreated').args.taskId;
    },
    cancelTask: (taskId) => send(owner, 'cancelTask', [taskId]),
    rotateProxySigner: (oldSigner, newSigner) => send(owner, 'rotateProxySigner', [oldSigner, newSigner]),

    /**
     * Submits proxy answers as the operator with `key`; an answer's `signature` may be several
     * concatenated signatures (quorum tasks).
     * @returns {Promise<{proven: number, rejected: string[]}>} rejected: the reason of each HitRejected
     */
    async submit(key, answers) {
      const hits = answers.map(({ hit, signature }) => ({
        taskId: BigInt(hit.taskId),
        slot: hit.slot,
        hitTimeMs: BigInt(hit.hitTimeMs),
        status: hit.status,
        responseHash: hit.responseHash,
        signatures: signature,
      }));
      const events = await send(wallet(key), 'submitHits', [hits]);
      return {
        proven: events.filter((event) => event.eventName === 'HitProven').length,
        rejected: events.filter((event) => event.eventName === 'HitRejected').map((event) => REJECT_REASONS[event.args.reason]),
      };
    },
  };
}
