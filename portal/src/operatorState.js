// An operator's state on the operators page, in one function: ejected, left, registered (not yet
// in the active set), active, or "not proving": active, with a slot reported missed after the
// last batch of hits it proved. The last is what a user and an operator both need to see: the
// node is down or cannot reach a proxy, and every further slot it is primary of costs it stake.

/**
 * @param {{ejected: boolean, registered: boolean}} info  operatorInfo(operator) from the contract
 * @param {boolean} active                                in operatorsAt(now)
 * @param {bigint|null} lastProvenBlock  block of its last HitsSubmitted with accepted > 0, or null
 * @param {bigint|null} lastMissedBlock  block of the last SlotMissed naming it primary, or null
 * @returns {{word: string, kind: string, why?: string}} the state word, its badge kind and, for
 *   "not proving", the reason shown as the badge's tooltip
 */
export function operatorState(info, active, lastProvenBlock, lastMissedBlock) {
  if (info.ejected) return { word: 'ejected', kind: 'missed' };
  if (!active) return info.registered ? { word: 'registered', kind: 'pending' } : { word: 'left', kind: 'cancelled' };
  if (lastMissedBlock != null && (lastProvenBlock == null || lastMissedBlock > lastProvenBlock)) {
    return { word: 'not proving', kind: 'late', why: `A slot it was primary of was reported missed at block ${lastMissedBlock}, and it has proven no hit since.` };
  }
  return { word: 'active', kind: 'proven' };
}

/**
 * The latest block per operator (lower-cased address) among logs, by the address `addressOf`
 * picks from a log's args; logs `keep` refuses are skipped.
 * @returns {Map<string, bigint>}
 */
export function latestBlockBy(logs, addressOf, keep = () => true) {
  const latest = new Map();
  for (const l of logs) {
    if (!keep(l)) continue;
    const a = addressOf(l.args).toLowerCase();
    const b = BigInt(l.blockNumber);
    if (!(latest.get(a) >= b)) latest.set(a, b);
  }
  return latest;
}
