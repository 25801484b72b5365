// One target call per (contract, task, slot, rank) while that rank's window is open, whoever asks
// and however often: concurrent requests share the call in flight, later ones get its result
// (status 0 included, after the caller's bounded transport retries).
//
// The table is bounded (memory), and it never refuses a call: a refusal would leave an honest
// operator without its proof. When it is full of open windows, the entry that goes is the oldest
// one of the task holding the most entries, so a task owner who floods the proxy with its own
// tasks' slots only pushes out its own: other tasks keep their one call per slot, and the
// flooder's targets get at most one more call per entry another task needed room for, or per
// entry of its own it pushed out itself (which needs that many due slots of its own, paid for on
// chain). Entries are small: the measured result without its body.

/**
 * @template T
 * @param {{maxEntries: number, now?: () => number}} options
 */
export function createSlotCalls({ maxEntries, now = Date.now }) {
  /** @type {Map<string, {expires: number, value: Promise<T> | null, result: T | undefined, group: string}>} */
  const entries = new Map();
  /** group (a task) → its keys, oldest first */
  const groups = new Map();

  function remove(key) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    const keys = groups.get(entry.group);
    keys.delete(key);
    if (keys.size === 0) groups.delete(entry.group);
  }

  function makeRoom() {
    const at = now();
    for (const [key, entry] of entries) if (entry.expires <= at) remove(key);
    if (entries.size < maxEntries) return;
    let largest;
    for (const keys of groups.values()) if (!largest || keys.size > largest.size) largest = keys;
    remove(largest.values().next().value);
  }

  return {
    /** The call for `key` if one was made and its window is still open. */
    peek(key) {
      const entry = entries.get(key);
      if (!entry || entry.expires <= now()) return undefined;
      return entry.value ?? Promise.resolve(entry.result);
    },
    /**
     * The call for `key`: the one already made, or `call()` now, kept until `expires` (unix ms).
     * @param {string} key
     * @param {string} group what the key belongs to (its task), for a fair eviction
     * @param {() => Promise<T>} call must not reject (a failed call is a result, status 0)
     * @param {number} expires
     * @returns {Promise<T>}
     */
    get(key, group, call, expires) {
      const known = this.peek(key);
      if (known) return known;
      remove(key);
      if (entries.size >= maxEntries) makeRoom();
      const value = call();
      const entry = { expires, value, result: undefined, group };
      entries.set(key, entry);
      if (!groups.has(group)) groups.set(group, new Set());
      groups.get(group).add(key);
      // Once settled, the entry keeps the plain result, not the promise (a third of the memory).
      // A call that threw (a bug, not a target failure) is forgotten, so it does not stick.
      value.then(
        (result) => {
          entry.result = result;
          entry.value = null;
        },
        () => {
          if (entries.get(key) === entry) remove(key);
        },
      );
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
