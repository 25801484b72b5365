// A bounded map of in-flight or settled loads with a time to live. Concurrent callers of one key
// share one load (one RPC call for a burst of hits of the same task), and a failed load is
// forgotten at once so the next caller retries.

/**
 * @template T
 * @param {{ttlMs: number, maxEntries: number, now?: () => number}} options
 */
export function createLoadCache({ ttlMs, maxEntries, now = Date.now }) {
  /** @type {Map<string, {expires: number, value: Promise<T>}>} */
  const entries = new Map();

  return {
    /**
     * @param {string} key
     * @param {() => Promise<T>} load
     * @param {number} [entryTtlMs] this entry's time to live, if not the cache's
     * @returns {Promise<T>}
     */
    get(key, load, entryTtlMs = ttlMs) {
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.value;
      if (hit) entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value);
      const value = load();
      entries.set(key, { expires: now() + entryTtlMs, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    /** @param {string} key */
    delete(key) {
      entries.delete(key);
    },
  };
}
