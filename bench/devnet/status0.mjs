#!/usr/bin/env node
// How often a healthy target's hits are proven with status 0 (issue 11: "status 0 means what it
// says"): a whole devnet (anvil, the proxy, three operator nodes, the sample target) on free
// ports, N tasks of one call a second against the healthy sample target, then every slot's
// outcome read from the chain. Prints a table and the closing line
//   status-0 hits of a healthy target: X of Y proven
//   node bench/devnet/status0.mjs [--tasks 10] [--slots 100]      (~3 minutes for the default 1,000)
import { mkdtempSync, createWriteStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPublicClient, http, parseEventLogs } from 'viem';
import { startDevnet, DEVNET_PARAMS } from '../../deploy/lib/devnet.mjs';
import { loadAutomatorAbi, ROOT } from '../../deploy/lib/devchain.mjs';
import { ROLES } from '../../deploy/lib/devnetKeys.mjs';
import { registerSampleTask } from '../../deploy/lib/sampleTask.mjs';
import { unpackHit } from '../../portal/src/hitEvent.js';
import { freePort } from '../../tests/e2e/helpers.mjs';

const { values } = parseArgs({ options: { tasks: { type: 'string', default: '10' }, slots: { type: 'string', default: '100' } } });
const tasks = Number(values.tasks);
const slots = Number(values.slots);
const LEAD_SEC = 45; // operators join the set at the first epoch boundary (30 s epochs) after deployment
const TOLERANCE = 5;

mkdirSync(join(ROOT, 'test-results'), { recursive: true });
const logPath = join(ROOT, 'test-results', 'bench-status0-devnet.log');
const log = createWriteStream(logPath);
const ports = { rpc: await freePort(), proxy: await freePort(), target: await freePort(), portal: await freePort(), operatorBase: await freePort() };
console.log(`status0 bench: devnet on free ports, output in ${logPath}`);
const devnet = await startDevnet({
  dir: mkdtempSync(join(tmpdir(), 'automator-status0-')), ports, params: DEVNET_PARAMS, sampleTask: false,
  print: (line) => log.write(`[devnet] ${line}\n`), output: log,
});
try {
  const abi = loadAutomatorAbi();
  const { automator } = devnet.deployment;
  const schedule = { interval: 1, count: slots, tolerance: TOLERANCE, leadSec: LEAD_SEC, feePerHit: 0n };
  const ids = [];
  for (let i = 0; i < tasks; i++) {
    ids.push(await registerSampleTask({ rpcUrl: devnet.rpcUrl, automator, abi, ownerKey: ROLES.userKey, url: devnet.targetUrl, schedule }));
  }
  const client = createPublicClient({ transport: http(devnet.rpcUrl) });
  const fromBlock = (await client.getBlockNumber()) - 1n;
  console.log(`status0 bench: ${tasks} tasks x ${slots} slots, 1 s apart, first due in ~${LEAD_SEC} s`);
  // Every slot's proof is on chain within its window, a batch age and a few blocks.
  const waitMs = (LEAD_SEC + slots + TOLERANCE + DEVNET_PARAMS.failoverDelay * 2 + 30) * 1000;
  await new Promise((r) => setTimeout(r, waitMs));

  const logs = await client.getLogs({ address: automator, fromBlock, toBlock: 'latest' });
  const events = parseEventLogs({ abi, logs });
  const ours = new Set(ids.map(String));
  const proven = events.filter((e) => e.eventName === 'HitProven' && ours.has(String(e.args.taskId))).map((e) => unpackHit(e.args.packedHit));
  const missed = events.filter((e) => e.eventName === 'SlotMissed' && ours.has(String(e.args.taskId))).length;
  const rejected = events.filter((e) => e.eventName === 'HitRejected' && ours.has(String(e.args.taskId))).length;
  const byStatus = new Map();
  for (const h of proven) byStatus.set(h.status, (byStatus.get(h.status) ?? 0) + 1);
  const due = tasks * slots;
  console.log('');
  console.log('| outcome | slots |');
  console.log('|---|---:|');
  console.log(`| due | ${due} |`);
  for (const [status, n] of [...byStatus].sort((a, b) => a[0] - b[0])) console.log(`| proven, HTTP status ${status} | ${n} |`);
  console.log(`| rejected proofs | ${rejected} |`);
  console.log(`| reported missed | ${missed} |`);
  console.log(`| not resolved yet | ${due - proven.length - missed} |`);
  console.log('');
  console.log(`status-0 hits of a healthy target: ${byStatus.get(0) ?? 0} of ${proven.length} proven`);
} finally {
  await devnet.stop();
  log.end();
}
process.exit(0);
