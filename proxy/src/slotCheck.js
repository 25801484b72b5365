// Decides whether a slot is live and whether the asking operator may fire it now, by the rules
// the contract applies to the proof (HitVerifier._verifyRun): the slot exists and is still
// served, and the hit time is within the task's tolerance of the operator's own fire time (the
// slot's due time for the primary, earliest[r] for backup r). Checked before the target is
// called, so the proxy never calls a target for a hit the contract would refuse.
//
// A new target call is stricter on the early side: the contract would accept a hit up to the
// tolerance before the fire time, but then a task with a long tolerance and a short interval has
// hundreds of slots callable at once. Operators fire at their fire time, so the proxy serves a
// slot from `dueLeadMs` before it (clock skew) to the end of its window: the slots that are due.

import { ProxyError } from './errors.js';

/** How early, before an operator's fire time, the proxy calls the target for it. */
export function dueLeadMs(tolerance) {
  return Math.min(tolerance * 1000, 2_000);
}

/**
 * Checks what the task and the protocol parameters alone decide; cheap, so it runs before the
 * eligibility read: the slot exists, is served, and some rank of it is due now.
 * @param {{taskId: bigint, slot: number, task: object, servedSlots: number, nowMs: number, lastFireOffsetMs: number, graceMs?: number}} input
 *   servedSlots: the first slot a cancelled task no longer serves (its count if not cancelled);
 *   lastFireOffsetMs: how long after the due time the last backup fires, (R-1) x failoverDelay;
 *   graceMs: how long after the last window's end is still accepted (0: none)
 * @returns {number} the slot's due time in unix ms
 */
export function checkSlotIsLive({ taskId, slot, task, servedSlots, nowMs, lastFireOffsetMs, graceMs = 0 }) {
  if (slot >= task.count) {
    throw new ProxyError(400, 'slot_out_of_range', `slot ${slot} is past the last slot of task ${taskId} (count ${task.count})`);
  }
  if (slot >= servedSlots) {
    throw new ProxyError(410, 'task_cancelled', `task ${taskId} is cancelled; slots from ${servedSlots} on are no longer served`);
  }
  const dueMs = Number(task.start + BigInt(slot) * BigInt(task.interval)) * 1000;
  if (nowMs < dueMs - dueLeadMs(task.tolerance)) {
    throw new ProxyError(425, 'too_early', `slot ${slot} of task ${taskId} is not due yet: it is due at ${dueMs / 1000}; now is ${nowMs / 1000}`);
  }
  const lastWindowEndMs = dueMs + lastFireOffsetMs + task.tolerance * 1000;
  if (nowMs > lastWindowEndMs + graceMs) {
    throw new ProxyError(410, 'too_late', `slot ${slot} of task ${taskId} was due at ${dueMs / 1000}; its last window closed at ${lastWindowEndMs / 1000}; now is ${nowMs / 1000}`);
  }
  return dueMs;
}

/**
 * Checks that `operator` is the slot's primary or a backup, and that now is within the task's
 * tolerance of its fire time (`leadMs` before it at the earliest: the tolerance, the contract's
 * rule, unless the caller is stricter).
 * @param {{operator: string, operators: readonly string[], earliest: readonly bigint[], tolerance: number, nowMs: number, slot: number, leadMs?: number, graceMs?: number}} input
 *   graceMs: how long after the window's end is still accepted (0: none)
 * @returns {number} when the operator's window closes, in unix ms
 */
export function checkOperatorMayFire({ operator, operators, earliest, tolerance, nowMs, slot, leadMs = tolerance * 1000, graceMs = 0 }) {
  const rank = operators.indexOf(operator);
  if (rank < 0) {
    throw new ProxyError(403, 'not_eligible', `operator ${operator} is neither the primary nor a backup of slot ${slot}`);
  }
  const fireAtMs = Number(earliest[rank]) * 1000;
  const role = rank === 0 ? 'the primary' : `backup ${rank}`;
  if (nowMs < fireAtMs - leadMs) {
    throw new ProxyError(425, 'too_early', `operator ${operator} is ${role} of slot ${slot} and fires at ${fireAtMs / 1000} (served from ${leadMs} ms before); now is ${nowMs / 1000}`);
  }
  if (nowMs > fireAtMs + tolerance * 1000 + graceMs) {
    throw new ProxyError(410, 'too_late', `operator ${operator} is ${role} of slot ${slot}, whose window closed at ${fireAtMs / 1000 + tolerance}; now is ${nowMs / 1000}`);
  }
  return fireAtMs + tolerance * 1000;
}
