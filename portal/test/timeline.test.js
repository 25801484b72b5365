// Unit tests of slot states, drift, task status and paging (portal/src/timeline.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveSlots, nextDueSlot, taskStatus, liveWindowStart, pageCount, dueSlotCount } from '../src/timeline.js';

const task = { start: 1000n, interval: 10, count: 6, tolerance: 3, cancelled: false, proven: 1, missed: 1 };
const proven = new Map([[0, { hitTimeMs: 1_000_250n, status: 200, operator: '0xa', txHash: '0x1' }]]);
const missed = new Map([[1, { primary: '0xb', reporter: '0xc', txHash: '0x2' }]]);

test('slot states at a moment in the middle of the schedule', () => {
  const rows = deriveSlots(task, { from: 0, to: 10, proven, missed, nowSec: 1031, deadlineOffset: 8 });
  assert.deepEqual(rows.map((r) => r.state), ['proven', 'missed', 'late', 'pending', 'pending', 'pending']);
  assert.equal(rows[0].hit.driftMs, 250);
  assert.equal(rows[3].open, true); // due at 1030, window still open
  assert.equal(rows[4].open, false);
  assert.equal(rows[2].deadline, 1028);
});

test('a cancelled task shows its unresolved slots as cancelled', () => {
  const rows = deriveSlots({ ...task, cancelled: true }, { from: 0, to: 6, proven, missed, nowSec: 1031, deadlineOffset: 8 });
  assert.deepEqual(rows.map((r) => r.state), ['proven', 'missed', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
});

test('negative drift for an early hit; range is clamped to the task', () => {
  const early = new Map([[5, { hitTimeMs: 1_049_100n, status: 500, operator: '0xa', txHash: '0x3' }]]);
  const rows = deriveSlots(task, { from: 4, to: 99, proven: early, missed: new Map(), nowSec: 2000, deadlineOffset: 8 });
  assert.deepEqual(rows.map((r) => r.slot), [4, 5]);
  assert.equal(rows[1].hit.driftMs, -900);
});

test('next due slot and due count', () => {
  assert.equal(nextDueSlot(task, 900), 0);
  assert.equal(nextDueSlot(task, 1000), 0);
  assert.equal(nextDueSlot(task, 1001), 1);
  assert.equal(nextDueSlot(task, 1050), 5);
  assert.equal(nextDueSlot(task, 1051), null);
  assert.equal(dueSlotCount(task, 1051), 6);
  assert.equal(dueSlotCount(task, 1011), 2);
});

test('task status', () => {
  assert.equal(taskStatus(task, 999), 'scheduled');
  assert.equal(taskStatus(task, 1020), 'running');
  assert.equal(taskStatus(task, 1060), 'settling');
  assert.equal(taskStatus({ ...task, proven: 5, missed: 1 }, 1060), 'finished');
  assert.equal(taskStatus({ ...task, cancelled: true }, 1020), 'cancelled');
});

test('the live window shows the latest due slots and what comes next', () => {
  const long = { ...task, count: 100 };
  assert.equal(pageCount(long, 30), 4);
  assert.equal(liveWindowStart(long, 900, 30, 10), 0); // nothing due yet
  assert.equal(liveWindowStart(long, 1000 + 10 * 45, 30, 10), 35); // slots 0..44 due, 45 is due now
  assert.equal(liveWindowStart(long, 99999, 30, 10), 70); // all due: the last 30
});
