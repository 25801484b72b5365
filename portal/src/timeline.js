// Derives what the portal shows about a task's slots from the task, its events and the chain
// time: each slot's state (proven, missed, pending, late, cancelled), a hit's drift from its due
// time, the task's overall status and its next due slot.

/** Unix seconds slot `k` is due (docs/slot-lifecycle.md: T(k) = start + k * interval). */
export function slotDue(task, k) {
  return Number(task.start) + k * Number(task.interval);
}

/** First slot due at or after `nowSec`, or null when every slot is already due. */
export function nextDueSlot(task, nowSec) {
  const start = Number(task.start);
  const k = nowSec <= start ? 0 : Math.ceil((nowSec - start) / Number(task.interval));
  return k < Number(task.count) ? k : null;
}

/** Slots already due at `nowSec` (0..count). */
export function dueSlotCount(task, nowSec) {
  const next = nextDueSlot(task, nowSec);
  return next == null ? Number(task.count) : next;
}

/**
 * One word for a task: 'cancelled', 'scheduled' (slot 0 not due yet), 'running', 'settling'
 * (every slot due, some still without proof or miss report) or 'finished'.
 */
export function taskStatus(task, nowSec) {
  if (task.cancelled) return 'cancelled';
  const count = Number(task.count);
  if (Number(task.proven) + Number(task.missed) >= count) return 'finished';
  if (nowSec < Number(task.start)) return 'scheduled';
  if (nextDueSlot(task, nowSec) == null) return 'settling';
  return 'running';
}

/**
 * State of slots [from, to) of a task.
 * @param task getTask's result
 * @param proven Map slot -> {hitTimeMs, status, operator, txHash, blockNumber}
 * @param missed Map slot -> {primary, reporter, txHash}
 * @param nowSec chain time
 * @param deadlineOffset seconds from a slot's due time to its miss deadline (missDeadline - slotTime)
 * @returns rows {slot, due, deadline, state, hit?, miss?}; a hit carries driftMs (hit time minus due time)
 */
export function deriveSlots(task, { from, to, proven, missed, nowSec, deadlineOffset }) {
  const rows = [];
  const end = Math.min(to, Number(task.count));
  for (let slot = Math.max(0, from); slot < end; slot++) {
    const due = slotDue(task, slot);
    const deadline = due + deadlineOffset;
    const row = { slot, due, deadline };
    const hit = proven.get(slot);
    const miss = missed.get(slot);
    if (hit) {
      row.state = 'proven';
      row.hit = { ...hit, driftMs: Number(hit.hitTimeMs) - due * 1000 };
    } else if (miss) {
      row.state = 'missed';
      row.miss = miss;
    } else if (task.cancelled) {
      row.state = 'cancelled';
    } else if (nowSec > deadline) {
      row.state = 'late';
    } else {
      row.state = 'pending';
      row.open = nowSec >= due; // due, waiting for its proof
    }
    rows.push(row);
  }
  return rows;
}

/**
 * First slot of the window worth looking at now: `lookBack` slots already due (the latest
 * results) and upcoming slots after them, kept inside the schedule.
 */
export function liveWindowStart(task, nowSec, size, lookBack) {
  const due = dueSlotCount(task, nowSec);
  return Math.max(0, Math.min(due - lookBack, Number(task.count) - size));
}

/** Number of pages of `pageSize` slots. */
export function pageCount(task, pageSize) {
  return Math.max(1, Math.ceil(Number(task.count) / pageSize));
}
