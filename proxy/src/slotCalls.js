// One target call per (contract, task, slot, rank) while that rank's window is open, whoever asks
// and however often: concurrent requests share the call in flight, later ones get its result
// (status 0 included, after the caller's bounded transport retries). An entry is never evicted
// before its window closes, because a forgotten one would let the next request call the target
// again; when the table is full of open windows, a new call is refused (503 proxy_busy, which
// the operator retries at another proxy) instead. Entries are small: the result without its body.

import { ProxyError } from './errors.js';

/**
 * @template T
 * @param {{maxEntries: number, now?: () => number}} options
 */
export function createSlotCalls({ maxEntries, now = Date.now }) {
  /** @type {Map<string, {expires: number, value: Promise<T>}>} */
  const entries = new Map();

  function sweep() {
    const at = now();
    for (const [key, entry] of entries) if (entry.expires <= at) entries.delete(key);
  }

  return {
    /** The call for `key` if one was made and its window is still open. */
    peek(key) {
      const entry = entries.get(key);
      return entry && entry.expires > now() ? entry.value : undefined;
    },
    /**
     * The call for `key`: the one already made, or `call()` now, kept until `expires` (unix ms).
     * @param {string} key
     * @param {() => Promise<T>} call must not reject (a failed call is a result, status 0)
     * @param {number} expires
     * @returns {Promise<T>}
     */
    get(key, call, expires) {
      const known = this.peek(key);
      if (known) return known;
      if (entries.size >= maxEntries) sweep();
      if (entries.size >= maxEntries) {
        throw new ProxyError(503, 'proxy_busy', `this proxy is keeping ${entries.size} target calls whose windows are open; ask another proxy`);
      }
      const value = call();
      entries.set(key, { expires, value });
      // A call that threw (a bug, not a target failure) is forgotten, so it does not stick.
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
