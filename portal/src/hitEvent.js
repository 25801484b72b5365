// The hit events for every JavaScript reader of them (portal, devnet log, tests, test vectors):
// HitProven's one data word, `packedHit = slot | status << 32 | hitTimeMs << 48`, and
// HitRejected's reasons (contracts/src/interfaces/IFleekAutomator.sol).

/** IFleekAutomator.RejectReason by value: HitRejected's `reason`. */
export const REJECT_REASONS = ['UnknownTask', 'TaskCancelled', 'SlotOutOfRange', 'OutsideTimeWindow', 'AlreadyResolved', 'NotEligible', 'BadSignature', 'TaskPaused'];

const MASK_32 = (1n << 32n) - 1n;
const MASK_16 = (1n << 16n) - 1n;
const MASK_64 = (1n << 64n) - 1n;

/** {slot, status, hitTimeMs} of a HitProven event's `packedHit` (a bigint). */
export function unpackHit(packedHit) {
  const packed = BigInt(packedHit);
  if (packed >> 112n !== 0n) throw new Error(`packedHit ${packed} has bits above 111 set`);
  return {
    slot: Number(packed & MASK_32),
    status: Number((packed >> 32n) & MASK_16),
    hitTimeMs: (packed >> 48n) & MASK_64,
  };
}

/** The `packedHit` the contract emits for a hit (the inverse of unpackHit). */
export function packHit({ slot, status, hitTimeMs }) {
  return BigInt(slot) | (BigInt(status) << 32n) | (BigInt(hitTimeMs) << 48n);
}

/**
 * Decoded HitProven logs with their args unpacked to {taskId, slot, status, hitTimeMs, operator};
 * the operator is that of the HitsSubmitted log closing the same transaction, so pass the
 * HitsSubmitted logs of the same blocks (undefined where a transaction's is missing).
 */
export function withOperators(provenLogs, submittedLogs) {
  const operatorOf = new Map(submittedLogs.map((l) => [l.transactionHash, l.args.operator]));
  return provenLogs.map((l) => ({
    ...l,
    args: { taskId: l.args.taskId, ...unpackHit(l.args.packedHit), operator: operatorOf.get(l.transactionHash) },
  }));
}
