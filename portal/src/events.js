// Incremental reader of the contract's events: each (event, filter) remembers the last block it
// has read, so a refresh on every new block asks the RPC only for the new blocks, in ranges small
// enough for public RPCs.

const MAX_RANGE = 5000n;

const keyOf = (eventName, args) =>
  eventName + JSON.stringify(args ?? {}, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * @returns events(eventName, args, fromBlock, toBlock) -> all decoded logs of that filter from
 *   fromBlock up to toBlock, oldest first.
 */
export function createEventReader(client, { address, abi }) {
  const entries = new Map();

  async function readUpTo(entry, eventName, args, toBlock) {
    while (entry.next <= toBlock) {
      const end = entry.next + MAX_RANGE - 1n < toBlock ? entry.next + MAX_RANGE - 1n : toBlock;
      const logs = await client.getContractEvents({ address, abi, eventName, args, fromBlock: entry.next, toBlock: end, strict: true });
      entry.logs.push(...logs);
      entry.next = end + 1n;
    }
    return entry.logs;
  }

  return function events(eventName, args, fromBlock, toBlock) {
    const key = keyOf(eventName, args) + '@' + fromBlock;
    let entry = entries.get(key);
    if (!entry) {
      entry = { next: BigInt(fromBlock), logs: [], lock: Promise.resolve() };
      entries.set(key, entry);
    }
    // One reader per filter at a time, so that two refreshes never add the same logs twice.
    const result = entry.lock.then(() => readUpTo(entry, eventName, args, BigInt(toBlock)));
    entry.lock = result.catch(() => {});
    return result;
  };
}
