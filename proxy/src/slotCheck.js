// Decides whether a slot is live and whether the asking operator may fire it now, by the rules
// the contract applies to the proof (FleekAutomator._verifyHit): the slot exists and is still
// served, and the hit time is within the task's tolerance of the operator's own fire time (the
// slot's due time for the primary, earliest[r] for backup r). Checked before the target is
// called, so the proxy never calls a target for a hit the contract would refuse.

import { ProxyError } from './errors.js';

/**
 * Checks what the task alone decides; cheap, so it runs before the eligibility read.
 * @param {{taskId: bigint, slot: number, task: object, servedSlots: number, nowMs: number}} input
 *   servedSlots: the first slot a cancelled task no longer serves (its count if not cancelled)
 * @returns {number} the slot's due time in unix ms
 */
export function checkSlotIsLive({ taskId, slot, task, servedSlots, nowMs }) {
  if (slot >= task.count) {
    throw new ProxyError(400, 'slot_out_of_range', `slot ${slot} is past the last slot of task ${taskId} (count ${task.count})`);
  }
  if (slot >= servedSlots) {
    throw new ProxyError(410, 'task_cancelled', `task ${taskId} is cancelled; slots from ${servedSlots} on are no longer served`);
  }
  const dueMs = Number(task.start + BigInt(slot) * BigInt(task.interval)) * 1000;
  if (nowMs < dueMs - task.tolerance * 1000) {
    throw new ProxyError(425, 'too_early', `slot ${slot} of task ${taskId} is due at ${dueMs / 1000} (tolerance ${task.tolerance} s); now is ${nowMs / 1000}`);
  }
  return dueMs;
}

/**
 * Checks that `operator` is the slot's primary or a backup, and that now is within the task's
 * tolerance of its fire time.
 * @param {{operator: string, operators: readonly string[], earliest: readonly bigint[], tolerance: number, nowMs: number, slot: number}} input
 * @returns {number} when the operator's window closes, in unix ms
 */
export function checkOperatorMayFire({ operator, operators, earliest, tolerance, nowMs, slot }) {
  const rank = operators.indexOf(operator);
  if (rank < 0) {
    throw new ProxyError(403, 'not_eligible', `operator ${operator} is neither the primary nor a backup of slot ${slot}`);
  }
  const fireAtMs = Number(earliest[rank]) * 1000;
  const role = rank === 0 ? 'the primary' : `backup ${rank}`;
  if (nowMs < fireAtMs - tolerance * 1000) {
    throw new ProxyError(425, 'too_early', `operator ${operator} is ${role} of slot ${slot} and fires at ${fireAtMs / 1000} (tolerance ${tolerance} s); now is ${nowMs / 1000}`);
  }
  if (nowMs > fireAtMs + tolerance * 1000) {
    throw new ProxyError(410, 'too_late', `operator ${operator} is ${role} of slot ${slot}, whose window closed at ${fireAtMs / 1000 + tolerance}; now is ${nowMs / 1000}`);
  }
  return fireAtMs + tolerance * 1000;
}
