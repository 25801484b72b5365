// The table of open target calls: one call per key while its window is open, shared in flight;
// bounded, it never refuses a call; when full, the oldest entry of the task holding the most
// goes, so a task that floods the table pushes out only its own entries.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSlotCalls } from '../src/slotCalls.js';

describe('slot calls', () => {
  let clock = 1_000;
  const now = () => clock;
  const counter = () => {
    const made = [];
    return { made, call: (key) => () => (made.push(key), Promise.resolve(key)) };
  };

  it('makes one call per key while its window is open, shared by concurrent askers', async () => {
    const calls = createSlotCalls({ maxEntries: 10, now });
    const { made, call } = counter();
    const answers = await Promise.all([1, 2, 3].map(() => calls.get('t1:s0:r0', 't1', call('t1:s0:r0'), clock + 100)));
    assert.deepEqual(answers, ['t1:s0:r0', 't1:s0:r0', 't1:s0:r0']);
    await calls.get('t1:s0:r0', 't1', call('t1:s0:r0'), clock + 100);
    assert.equal(made.length, 1);
    clock += 101; // the window closed: the entry is gone (the handler refuses the slot by then)
    assert.equal(calls.peek('t1:s0:r0'), undefined);
  });

  it('when full of open windows, evicts the oldest entry of the largest task, never refusing', async () => {
    const calls = createSlotCalls({ maxEntries: 4, now });
    const { made, call } = counter();
    const open = clock + 10_000;
    for (const key of ['flood:1', 'flood:2', 'flood:3', 'honest:1']) await calls.get(key, key.split(':')[0], call(key), open);
    await calls.get('honest:2', 'honest', call('honest:2'), open); // pushes out flood:1
    assert.equal(calls.size, 4);
    assert.equal(calls.peek('flood:1'), undefined);
    for (const key of ['flood:2', 'flood:3', 'honest:1', 'honest:2']) assert.ok(calls.peek(key), key);
    await calls.get('flood:4', 'flood', call('flood:4'), open); // the flooder pushes out its own
    assert.equal(calls.peek('flood:2'), undefined);
    assert.ok(calls.peek('honest:1') && calls.peek('honest:2'));
    assert.equal(made.length, 6);
  });

  it('forgets a call that threw, so the next asker calls again', async () => {
    const calls = createSlotCalls({ maxEntries: 4, now });
    await assert.rejects(calls.get('k', 'g', () => Promise.reject(new Error('bug')), clock + 100));
    assert.equal(calls.peek('k'), undefined);
    assert.equal(await calls.get('k', 'g', () => Promise.resolve('ok'), clock + 100), 'ok');
  });
});
