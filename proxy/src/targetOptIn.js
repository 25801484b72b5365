// Third-party URL protection, where the proxy's operator turns it on (requireTargetOptIn): a
// task's target is called only if its origin publishes that it accepts calls from this AVS, in
// `<origin>/.well-known/fleek-automator.json`:
//
//   {"automators": ["eip155:<chainId>:<AVS contract address>", ...]}     (or ["*"])
//
// Without it anyone could point a schedule at someone else's URL. The document is fetched like a
// target call (the checked, pinned address; no redirect; 2 s; 4 KiB) and kept per origin and
// contract: 10 minutes when it says yes, 1 minute otherwise, one fetch in flight at a time. A
// target that has not opted in is never called; its hit gets a status-0 proof (reason
// not_opted_in), because the operator did its part.

import { callTarget } from './targetCaller.js';

export const optInPath = '/.well-known/fleek-automator.json';
const yesCacheMs = 10 * 60_000;
const noCacheMs = 60_000;
const fetchTimeoutMs = 2_000;
const maxDocumentBytes = 4_096;

/**
 * @param {{chainId: number}} config
 * @param {{userAgent: string}} options
 */
export function createOptInCheck({ chainId }, { userAgent }) {
  /** @type {Map<string, {expires: number, value: Promise<{ok: boolean, why: string}>}>} */
  const answers = new Map();

  async function fetchOptIn(target, contract) {
    const url = new URL(optInPath, target.url.origin);
    const result = await callTarget({ ...target, url, method: 'GET', body: new Uint8Array(0), headers: { 'user-agent': userAgent, accept: 'application/json' }, timeoutMs: fetchTimeoutMs, maxResponseBytes: maxDocumentBytes, maxRetries: 0 });
    if (result.status !== 200) return { ok: false, why: result.status ? `${optInPath} answered HTTP ${result.status}` : `${optInPath} failed: ${result.failure}` };
    let listed;
    try {
      listed = JSON.parse(result.body.toString('utf8')).automators;
    } catch {
      return { ok: false, why: `${optInPath} is not JSON` };
    }
    const wanted = `eip155:${chainId}:${contract}`.toLowerCase();
    const ok = Array.isArray(listed) && listed.some((entry) => typeof entry === 'string' && (entry === '*' || entry.toLowerCase() === wanted));
    return { ok, why: ok ? '' : `${optInPath} does not list ${wanted}` };
  }

  return {
    /**
     * @param {{url: URL, address: string, family: 4 | 6}} target as the guard checked it
     * @param {string} contract the AVS contract the call is for
     * @returns {Promise<{ok: boolean, why: string}>}
     */
    check(target, contract) {
      const key = `${target.url.origin}|${target.address}|${contract}`;
      const known = answers.get(key);
      if (known && known.expires > Date.now()) return known.value;
      if (answers.size >= 5_000) answers.delete(answers.keys().next().value);
      const entry = { expires: Date.now() + fetchTimeoutMs + noCacheMs, value: fetchOptIn(target, contract) };
      answers.set(key, entry);
      entry.value.then((answer) => {
        entry.expires = Date.now() + (answer.ok ? yesCacheMs : noCacheMs);
      });
      return entry.value;
    },
  };
}
