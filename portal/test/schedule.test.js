// Unit tests of the create-task form validation (portal/src/schedule.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateTaskForm, createTaskArgs, START_LEAD_SEC } from '../src/schedule.js';

const params = { minTolerance: 1, maxTolerance: 60, maxUrlLength: 64, maxBodyLength: 16 };
const nowSec = 1_800_000_000;
const limits = { nowSec, params, signerCount: 2 };
const good = {
  url: 'https://fn.example.org/tick', method: 'GET', body: '', startMode: 'now', startAt: '',
  every: '2', everyUnit: 's', endMode: 'duration', duration: '2', durationUnit: 'min', runs: '',
  tolerance: '5', quorum: '1', fee: '0.001',
};

test('"every 2 s for 2 minutes" is 60 runs starting shortly after now', () => {
  const { errors, task } = validateTaskForm(good, limits);
  assert.deepEqual(errors, {});
  assert.equal(task.interval, 2);
  assert.equal(task.count, 60);
  assert.equal(task.start, nowSec + START_LEAD_SEC);
  assert.equal(task.feePerHit, 10n ** 15n);
  assert.equal(task.deposit, 60n * 10n ** 15n);
  assert.equal(task.body, '0x');
});

test('a number of runs and minutes as the unit', () => {
  const { task } = validateTaskForm({ ...good, every: '5', everyUnit: 'min', endMode: 'runs', runs: '12' }, limits);
  assert.equal(task.interval, 300);
  assert.equal(task.count, 12);
});

test('a start date in the future is used as given', () => {
  const startAt = new Date((nowSec + 3600) * 1000).toISOString().slice(0, 16);
  const { task } = validateTaskForm({ ...good, startMode: 'at', startAt }, limits);
  assert.equal(task.start, Math.floor(new Date(startAt).getTime() / 1000));
});

test('each bad field gets its own message', () => {
  const { errors, task } = validateTaskForm(
    { ...good, url: 'ftp://x', method: 'GET', body: 'hi', every: '0', tolerance: '99', quorum: '3', fee: 'abc' },
    limits,
  );
  assert.equal(task, null);
  assert.match(errors.url, /https:\/\//);
  assert.match(errors.body, /no body/);
  assert.match(errors.every, /at least 1/);
  assert.match(errors.tolerance, /between 1 and 60/);
  assert.match(errors.quorum, /2 registered/);
  assert.match(errors.fee, /amount in ETH/);
});

test('limits from the contract parameters', () => {
  const long = { ...good, url: 'https://example.org/' + 'a'.repeat(60) };
  assert.match(validateTaskForm(long, limits).errors.url, /at most 64/);
  const body = { ...good, method: 'POST', body: 'x'.repeat(17) };
  assert.match(validateTaskForm(body, limits).errors.body, /17 bytes.*at most 16/);
});

test('a duration shorter than the interval never runs', () => {
  const { errors } = validateTaskForm({ ...good, every: '5', everyUnit: 'min', duration: '1', durationUnit: 'min' }, limits);
  assert.match(errors.duration, /shorter than one interval/);
});

test('a start in the past or missing is refused', () => {
  const past = new Date((nowSec - 60) * 1000).toISOString().slice(0, 16);
  assert.match(validateTaskForm({ ...good, startMode: 'at', startAt: past }, limits).errors.start, /in the past/);
  assert.match(validateTaskForm({ ...good, startMode: 'at', startAt: '' }, limits).errors.start, /Pick a start/);
});

test('POST body is encoded as UTF-8 bytes and arguments come in ABI order', () => {
  const { task } = validateTaskForm({ ...good, method: 'POST', body: 'é' }, limits);
  assert.equal(task.body, '0xc3a9');
  const args = createTaskArgs(task);
  assert.deepEqual(args, [good.url, 1, '0xc3a9', BigInt(task.start), 2, 60, 5, 1, 10n ** 15n]);
});
