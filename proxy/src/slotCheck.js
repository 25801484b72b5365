// Decides whether a slot is live and due now and whether the asking operator may fire it now:
// the same rules the contract applies to the proof, checked before the target is called so the
// proxy never calls a target for a hit the contract would refuse.

import { ProxyError } from './errors.js';

/**
 * Checks what the task alone decides: cancelled, slot range, and the slot's time window.
 * @param {{taskId: bigint, slot: number, task: object, nowMs: number}} input
 * @returns {{dueMs: number, toleranceMs: number}}
 */
export function checkSlotIsDue({ taskId, slot, task, nowMs }) {
  if (task.cancelled) throw new ProxyError(410, 'task_cancelled', `task ${taskId} is cancelled`);
  if (slot >= task.count) {
    throw new ProxyError(400, 'slot_out_of_range', `slot ${slot} is past the last slot of task ${taskId} (count ${task.count})`);
  }
  const dueMs = Number(task.start + BigInt(slot) * BigInt(task.interval)) * 1000;
  const toleranceMs = task.tolerance * 1000;
  if (nowMs < dueMs - toleranceMs) {
    throw new ProxyError(425, 'too_early', `slot ${slot} of task ${taskId} is due at ${dueMs / 1000} (tolerance ${task.tolerance} s); now is ${nowMs / 1000}`);
  }
  if (nowMs > dueMs + toleranceMs) {
    throw new ProxyError(410, 'too_late', `slot ${slot} of task ${taskId} was due at ${dueMs / 1000} (tolerance ${task.tolerance} s); now is ${nowMs / 1000}`);
  }
  return { dueMs, toleranceMs };
}

/**
 * Checks that `operator` is the slot's primary, or a backup whose earliest fire time has come.
 * @param {{operator: string, operators: readonly string[], earliest: readonly bigint[], nowMs: number, slot: number}} input
 * @returns {number} the operator's rank: 0 primary, r > 0 backup r
 */
export function checkOperatorMayFire({ operator, operators, earliest, nowMs, slot }) {
  const rank = operators.indexOf(operator);
  if (rank < 0) {
    throw new ProxyError(403, 'not_eligible', `operator ${operator} is neither the primary nor a backup of slot ${slot}`);
  }
  const earliestMs = Number(earliest[rank]) * 1000;
  if (nowMs < earliestMs) {
    throw new ProxyError(425, 'too_early', `operator ${operator} is backup ${rank} of slot ${slot} and may fire from ${earliestMs / 1000}; now is ${nowMs / 1000}`);
  }
  return rank;
}
