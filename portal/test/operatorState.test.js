// Unit tests of the operators page's state rule (portal/src/operatorState.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { operatorState, latestBlockBy } from '../src/operatorState.js';

const on = { ejected: false, registered: true };

test('an active operator is "not proving" only while its last miss is newer than its last proof', () => {
  assert.equal(operatorState(on, true, null, null).word, 'active');
  assert.equal(operatorState(on, true, 10n, null).word, 'active');
  assert.equal(operatorState(on, true, 10n, 12n).word, 'not proving');
  assert.match(operatorState(on, true, 10n, 12n).why, /reported missed at block 12/);
  assert.equal(operatorState(on, true, null, 12n).word, 'not proving');
  assert.equal(operatorState(on, true, 13n, 12n).word, 'active'); // proving again
  assert.equal(operatorState(on, true, 12n, 12n).word, 'active'); // same block: the proof counts
});

test('ejected, registered and left come before activity', () => {
  assert.deepEqual(operatorState({ ejected: true, registered: true }, true, null, 5n), { word: 'ejected', kind: 'missed' });
  assert.equal(operatorState(on, false, null, 5n).word, 'registered');
  assert.equal(operatorState({ ejected: false, registered: false }, false, null, null).word, 'left');
});

test('latestBlockBy keeps the newest block per address, case-insensitively, and skips refused logs', () => {
  const logs = [
    { blockNumber: 5n, args: { operator: '0xAbC', accepted: 1n } },
    { blockNumber: 9n, args: { operator: '0xabc', accepted: 0n } },
    { blockNumber: 7n, args: { operator: '0xABC', accepted: 2n } },
    { blockNumber: 3n, args: { operator: '0xdef', accepted: 1n } },
  ];
  const latest = latestBlockBy(logs, (a) => a.operator, (l) => l.args.accepted > 0n);
  assert.equal(latest.get('0xabc'), 7n);
  assert.equal(latest.get('0xdef'), 3n);
  assert.equal(latestBlockBy(logs, (a) => a.operator).get('0xabc'), 9n);
});
