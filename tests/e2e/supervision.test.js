// The devnet supervises its processes: an operator node killed with SIGKILL is named in the live
// output and started again with a back-off, and answers on /health again; an operator stopped on
// purpose (stop()) is not restarted. The back-off rule itself is checked against its definition.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestDevnet, RESULTS } from './helpers.mjs';
import { operatorBinary } from '../../deploy/lib/operators.mjs';
import { restartDelayMs } from '../../deploy/lib/processes.mjs';

const LOG = 'e2e-supervision.log';
const HAVE_OPERATORS = existsSync(operatorBinary());
let devnet;

before(async () => {
  if (HAVE_OPERATORS) devnet = await startTestDevnet({ logName: LOG });
});
after(async () => {
  await devnet?.stop();
});

async function until(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const answers = (url) => fetch(url, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false);

test('the back-off doubles from 1 s to at most 30 s', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelayMs), [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test('an operator node killed with SIGKILL is reported and restarted', { skip: !HAVE_OPERATORS && `${operatorBinary()} is not built` }, async () => {
  const node = devnet.operators[1];
  const [proc] = node.processes;
  const [health] = node.healthUrls;
  const before = proc.child.pid;
  process.kill(before, 'SIGKILL');
  await until('the node restarted', 20_000, () => proc.restarts === 1 && proc.child.pid !== before);
  await until('the restarted node answers /health', 60_000, () => answers(health));
  const log = readFileSync(join(RESULTS, LOG), 'utf8');
  assert.match(log, new RegExp(`\\[devnet\\] ${node.name} killed by SIGKILL; restarting in 1 s`));
});

test('an operator stopped on purpose stays stopped', { skip: !HAVE_OPERATORS && `${operatorBinary()} is not built` }, async () => {
  const node = devnet.operators[2];
  const [proc] = node.processes;
  await node.stop();
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal(proc.restarts, 0);
  assert.equal(await answers(node.healthUrls[0]), false);
});
