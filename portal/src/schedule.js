// Turns the "create a task" form into createTask arguments, with a clear message per bad field,
// so that nothing obviously wrong ever reaches a wallet or the chain.
import { parseEther, toHex } from 'viem';

/** Seconds per unit the form offers for intervals and durations. */
export const UNIT_SECONDS = { s: 1, min: 60, h: 3600, d: 86400 };
/** IFleekAutomator.Method, in enum order. */
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Seconds between "start now" and slot 0, so that operators see the task before it is due. */
export const START_LEAD_SEC = 10;

const UINT32_MAX = 2 ** 32 - 1;
const UINT128_MAX = 2n ** 128n - 1n;
const ETH_AMOUNT = /^\d+(\.\d{1,18})?$/;

function positiveInt(text, what) {
  const s = String(text ?? '').trim();
  if (s === '') return { error: `${what} is required` };
  if (!/^\d+$/.test(s)) return { error: `${what} must be a whole number` };
  const n = Number(s);
  if (n < 1) return { error: `${what} must be at least 1` };
  if (n > UINT32_MAX) return { error: `${what} is too large` };
  return { value: n };
}

function unitSeconds(unit) {
  const s = UNIT_SECONDS[unit];
  if (!s) throw new Error(`unknown time unit "${unit}"`);
  return s;
}

function checkUrl(url, maxLength) {
  if (url === '') return 'URL is required';
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return 'URL is not valid (example: https://my-function.functions.on-fleek.app/)';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'URL must start with https:// or http://';
  const length = new TextEncoder().encode(url).length;
  if (maxLength && length > maxLength) return `URL is ${length} bytes; the contract accepts at most ${maxLength}`;
  return null;
}

function parseStart(form, nowSec) {
  if (form.startMode === 'now') return { value: nowSec + START_LEAD_SEC };
  if (!form.startAt) return { error: 'Pick a start date and time, or choose "now"' };
  const ms = new Date(form.startAt).getTime();
  if (Number.isNaN(ms)) return { error: 'Start date is not valid' };
  const start = Math.floor(ms / 1000);
  if (start < nowSec) return { error: 'Start is in the past (chain time is ' + new Date(nowSec * 1000).toLocaleString() + ')' };
  return { value: start };
}

function parseCount(form, interval) {
  if (form.endMode === 'runs') return positiveInt(form.runs, 'Number of runs');
  const duration = positiveInt(form.duration, 'Duration');
  if (duration.error) return duration;
  const seconds = duration.value * unitSeconds(form.durationUnit);
  const count = Math.floor(seconds / interval);
  if (count < 1) return { error: 'Duration is shorter than one interval: the task would never run' };
  if (count > UINT32_MAX) return { error: 'Duration is too long for this interval' };
  return { value: count };
}

function parseFee(text) {
  const s = String(text ?? '').trim();
  if (s === '') return { error: 'Fee per hit is required (0 for a cashless task)' };
  if (!ETH_AMOUNT.test(s)) return { error: 'Fee per hit must be an amount in ETH, like 0.0001' };
  const wei = parseEther(s);
  if (wei > UINT128_MAX) return { error: 'Fee per hit is too large' };
  return { value: wei };
}

/**
 * Validates the create-task form.
 * @param form strings as typed: url, method, body, startMode ('now'|'at'), startAt (datetime-local),
 *   every, everyUnit, endMode ('duration'|'runs'), duration, durationUnit, runs, tolerance, quorum, fee
 * @param limits { nowSec (chain time), params (contract Params), signerCount }
 * @returns {{errors: Record<string,string>, task: object|null}} task holds createTask's arguments
 *   and `deposit` (the msg.value) when there are no errors.
 */
export function validateTaskForm(form, { nowSec, params, signerCount }) {
  const errors = {};
  const url = String(form.url ?? '').trim();
  const urlError = checkUrl(url, params?.maxUrlLength);
  if (urlError) errors.url = urlError;

  const method = METHODS.indexOf(form.method);
  if (method < 0) errors.method = `Method must be one of ${METHODS.join(', ')}`;
  const body = String(form.body ?? '');
  const bodyBytes = new TextEncoder().encode(body);
  if (body !== '' && (form.method === 'GET' || form.method === 'DELETE')) {
    errors.body = `A ${form.method} request carries no body: clear it or choose POST, PUT or PATCH`;
  } else if (params?.maxBodyLength != null && bodyBytes.length > params.maxBodyLength) {
    errors.body = `Body is ${bodyBytes.length} bytes; the contract accepts at most ${params.maxBodyLength}`;
  }

  const start = parseStart(form, nowSec);
  if (start.error) errors.start = start.error;

  const every = positiveInt(form.every, 'Interval');
  let interval = null;
  if (every.error) errors.every = every.error;
  else {
    interval = every.value * unitSeconds(form.everyUnit);
    if (interval > UINT32_MAX) errors.every = 'Interval is too long';
  }

  let count = null;
  if (interval != null && !errors.every) {
    const c = parseCount(form, interval);
    if (c.error) errors[form.endMode === 'runs' ? 'runs' : 'duration'] = c.error;
    else count = c.value;
  }

  const tolerance = positiveInt(form.tolerance, 'Tolerance');
  if (tolerance.error) errors.tolerance = tolerance.error;
  else if (params && (tolerance.value < params.minTolerance || tolerance.value > params.maxTolerance)) {
    errors.tolerance = `Tolerance must be between ${params.minTolerance} and ${params.maxTolerance} seconds`;
  }

  const quorum = positiveInt(form.quorum ?? '1', 'Quorum');
  if (quorum.error) errors.quorum = quorum.error;
  else if (quorum.value > 255) errors.quorum = 'Quorum is at most 255';
  else if (signerCount != null && quorum.value > signerCount) {
    errors.quorum = `Quorum cannot exceed the ${signerCount} registered proxy signer(s)`;
  }

  const fee = parseFee(form.fee);
  if (fee.error) errors.fee = fee.error;

  if (Object.keys(errors).length) return { errors, task: null };
  return {
    errors,
    task: {
      url,
      method,
      body: toHex(bodyBytes),
      start: start.value,
      interval,
      count,
      tolerance: tolerance.value,
      quorum: quorum.value,
      feePerHit: fee.value,
      deposit: fee.value * BigInt(count),
    },
  };
}

/** createTask's positional arguments, in ABI order. */
export function createTaskArgs(task) {
  return [task.url, task.method, task.body, BigInt(task.start), task.interval, task.count, task.tolerance, task.quorum, task.feePerHit];
}
