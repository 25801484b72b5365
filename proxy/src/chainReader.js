// Reads what a hit request is checked against from the AVS contract: the task (cached for a
// short time, because only its cancellation changes), the URL and body it registered (from its
// TaskCreated log, checked against the task's hashes and cached for good), the slot's eligible
// operators (cached for longer once the slot is due and its operator set settled), and whether
// a key is a registered proxy signer, and the protocol parameters. Every RPC call has a short
// timeout; an unreachable chain is a 503, not a crash. No request can make the proxy read the
// chain for more than what exists: a task id past taskCount() is refused from a cached count.

import { BaseError, ContractFunctionRevertedError, createPublicClient, decodeEventLog, encodeEventTopics, http, keccak256, toBytes, zeroAddress } from 'viem';
import { automatorAbi } from './abi.js';
import { createLoadCache } from './cache.js';
import { ProxyError } from './errors.js';

// Bounds that keep the caches well inside Fleek's 50 MiB even with 2 KiB URLs and 4 KiB bodies.
const maxTasks = 5_000;
const maxCreations = 2_000;
const maxEligibility = 20_000;
// A set change is only ever scheduled for the future, so once a slot is due its operators are
// settled; only an owner's setParams (redundancy, failover delay) could still change them.
const settledEligibilityCacheMs = 60_000;
// Only the owner changes the parameters (redundancy, failover delay), rarely.
const paramsCacheMs = 60_000;
// A task id past the known task count re-reads the count, but at most once per this long
// however many such ids are asked for (they wait for and share that read).
const taskCountRefreshMs = 100;

/**
 * @typedef {object} TaskView
 * @property {object} task the IFleekAutomator.Task struct as viem decodes it
 * @property {number} servedSlots first slot no longer served (the count unless cancelled)
 * @property {string} url the registered target
 * @property {`0x${string}`} body the registered request body
 */

/**
 * @param {import('./config.js').ProxyConfig} config
 */
export function createChainReader(config) {
  // No retries: a retry doubles the worst case inside Fleek's 15 s, and the operator retries anyway.
  const client = createPublicClient({
    transport: http(config.rpcUrl, { timeout: config.rpcTimeoutMs, retryCount: 0, batch: { wait: 0 } }),
  });
  const tasks = createLoadCache({ ttlMs: config.taskCacheMs, maxEntries: maxTasks });
  const creations = createLoadCache({ ttlMs: Number.MAX_SAFE_INTEGER, maxEntries: maxCreations });
  const eligibility = createLoadCache({ ttlMs: config.taskCacheMs, maxEntries: maxEligibility });
  const signers = createLoadCache({ ttlMs: config.signerCheckMs, maxEntries: 64 });
  const protocol = createLoadCache({ ttlMs: paramsCacheMs, maxEntries: 64 });
  const taskCounts = new Map(config.contracts.map((contract) => [contract, refreshedAtMostEvery(taskCountRefreshMs, () => read(contract, 'taskCount', []))]));

  const read = (contract, functionName, args) =>
    client.readContract({ address: contract, abi: automatorAbi, functionName, args }).catch((error) => {
      throw toProxyError(error, `${functionName}(${args.join(', ')})`);
    });

  async function readCreation(contract, taskId, task) {
    const topics = encodeEventTopics({ abi: automatorAbi, eventName: 'TaskCreated', args: { taskId } });
    const block = `0x${task.createdBlock.toString(16)}`;
    const logs = await client
      .request({ method: 'eth_getLogs', params: [{ address: contract, topics, fromBlock: block, toBlock: block }] })
      .catch((error) => {
        throw toProxyError(error, `eth_getLogs(TaskCreated ${taskId})`);
      });
    for (const log of logs) {
      const { args } = decodeEventLog({ abi: automatorAbi, data: log.data, topics: log.topics });
      if (keccak256(toBytes(args.url)) === task.targetHash && keccak256(args.body) === task.bodyHash) {
        return { url: args.url, body: args.body };
      }
    }
    throw new ProxyError(502, 'task_log_mismatch', `no TaskCreated log of task ${taskId} in block ${task.createdBlock} matches the task's target and body hashes`);
  }

  return {
    /**
     * @param {`0x${string}`} contract
     * @param {bigint} taskId
     * @returns {Promise<TaskView>}
     */
    async readTask(contract, taskId) {
      const key = `${contract}:${taskId}`;
      const count = await taskCounts.get(contract).atLeast(taskId);
      if (taskId === 0n || taskId > count) throw new ProxyError(404, 'unknown_task', `task ${taskId} does not exist on ${contract} (it has ${count} tasks)`);
      const { task, servedSlots } = await tasks.get(key, async () => {
        const task = await read(contract, 'getTask', [taskId]);
        if (task.owner === zeroAddress) throw new ProxyError(404, 'unknown_task', `task ${taskId} does not exist on ${contract}`);
        return { task, servedSlots: task.cancelled ? await read(contract, 'servedSlots', [taskId]) : task.count };
      });
      const { url, body } = await creations.get(key, () => readCreation(contract, taskId, task));
      return { task, servedSlots, url, body };
    },

    /**
     * @param {boolean} settled the slot is due already, so its operator set can no longer change
     * @returns {Promise<{operators: readonly `0x${string}`[], earliest: readonly bigint[]}>}
     */
    async readEligibleOperators(contract, taskId, slot, settled) {
      const [operators, earliest] = await eligibility.get(
        `${contract}:${taskId}:${slot}`,
        () => read(contract, 'eligibleOperators', [taskId, slot]),
        settled ? settledEligibilityCacheMs : config.taskCacheMs,
      );
      return { operators, earliest };
    },

    /** @returns {Promise<{redundancy: number, failoverDelay: number}>} the protocol parameters */
    readParams(contract) {
      return protocol.get(contract, () => read(contract, 'params', []));
    },

    /** @returns {Promise<boolean>} */
    isProxySigner(contract, signer) {
      return signers.get(`${contract}:${signer}`, () => read(contract, 'isProxySigner', [signer]));
    },
  };
}

/**
 * A growing value (the task count) read again only when a caller needs a larger one, and then
 * at most once per `minIntervalMs`: callers in between wait for and share the next read.
 * @param {number} minIntervalMs
 * @param {() => Promise<bigint>} read
 */
function refreshedAtMostEvery(minIntervalMs, read) {
  let value = -1n;
  let readAt = -Infinity;
  let pending = null;
  return {
    /** @returns {Promise<bigint>} the value, read again first if it is below `wanted` */
    async atLeast(wanted) {
      if (wanted <= value) return value;
      pending ??= (async () => {
        const wait = readAt + minIntervalMs - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        try {
          value = await read();
          return value;
        } finally {
          readAt = performance.now();
          pending = null;
        }
      })();
      return pending;
    },
  };
}

/** Turns a revert the proxy expects into its refusal; anything else means the chain is unusable now. */
function toProxyError(error, call) {
  const revert = error instanceof BaseError ? error.walk((cause) => cause instanceof ContractFunctionRevertedError) : null;
  const name = revert?.data?.errorName;
  if (name === 'UnknownTask') return new ProxyError(404, 'unknown_task', `task ${revert.data.args[0]} does not exist`);
  if (name === 'SlotOutOfRange') return new ProxyError(400, 'slot_out_of_range', `slot ${revert.data.args[1]} is past the task's last slot`);
  if (name === 'NoOperators') return new ProxyError(409, 'no_operators', `no operator set is in effect at ${revert.data.args[0]}`);
  return new ProxyError(503, 'chain_unavailable', `${call} failed: ${error.shortMessage ?? error.message}`);
}
