#!/usr/bin/env node
// Throughput and added latency of the Automation Proxy through its local runner: anvil with the
// real contracts, `node proxy/serve.js` in its own process, a local target, and a keep-alive load
// generator at several concurrencies. "Added" is the client-observed latency minus the target
// call the proxy measured (call.durationMs): the proxy's own work (checks, cache, signing, HTTP).
// Usage: node bench/proxy/bench.mjs [--duration 5] [--concurrency 1,16,64] [--workers 1,2]

import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encodeAbiParameters, keccak256 } from 'viem';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { ANVIL_KEYS, startDevchain } from '../../deploy/lib/devchain.mjs';
import { automatorClient } from '../../proxy/test/helpers/automator.js';
import { startTarget } from '../../proxy/test/helpers/httpServers.js';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '1,16,64' }, workers: { type: 'string', default: '1,2' } },
});
const durationMs = Number(values.duration) * 1000;
const concurrencies = values.concurrency.split(',').map(Number);
const workerCounts = values.workers.split(',').map(Number);
const serveJs = fileURLToPath(new URL('../../proxy/serve.js', import.meta.url));

// The machine may be shared: CPU time per hit is the figure that does not depend on how much
// of the CPU the proxy got. Linux reports it in clock ticks (100 per second).
const cpuMs = (pids) =>
  pids.reduce((sum, pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return sum + (Number(fields[11]) + Number(fields[12])) * 10;
  }, 0);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Sends `nextBody()` from `concurrency` keep-alive workers for durationMs. */
async function load(url, nextBody, concurrency, parse) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  const added = [];
  let errors = 0;
  const deadline = performance.now() + durationMs;
  const post = (body) =>
    new Promise((resolve, reject) => {
      const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }));
      });
      request.on('error', reject);
      request.end(body);
    });
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const { status, text } = await post(nextBody());
      const elapsed = performance.now() - started;
      if (status !== 200) {
        if (errors++ === 0) console.error(`first error: ${status} ${text}`);
        continue;
      }
      latencies.push(elapsed);
      if (parse) added.push(elapsed - JSON.parse(text).call.durationMs);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  added.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, errors, p50: percentile(latencies, 50), p99: percentile(latencies, 99), added50: percentile(added, 50), added99: percentile(added, 99) };
}

const dir = mkdtempSync(join(tmpdir(), 'proxy-bench-'));
const proxyKey = generatePrivateKey();
const keyFile = join(dir, 'proxy.key');
writeFileSync(keyFile, proxyKey);
chmodSync(keyFile, 0o600);

const chain = await startDevchain({ operatorKeys: ANVIL_KEYS.slice(1, 4), proxySignerAddresses: [privateKeyToAddress(proxyKey)], params: { epochLength: 1, activationDelay: 1 } });
const target = await startTarget((_request, _body, response) => response.end('{"ok":true}'));
target.requests.push = () => 0; // keep no history under load
const avs = automatorClient(chain);
// The proxy serves only due slots, so the chain moves an hour ahead (a whole tolerance of past
// slots then has operators) and the proxy's clock follows it (--clock-offset-ms).
await avs.reader.request({ method: 'evm_increaseTime', params: [3600] });
await avs.reader.request({ method: 'evm_mine', params: [] });
const clockOffsetMs = (await avs.latestTimestamp()) * 1000 - Date.now();

// Every request is a new (task, slot), as in operation: the proxy calls a target once per slot
// and operator, and a repeated request would only get its cached answer. Slots are due every
// second with a 300 s tolerance, so ~300 slots per task are due at any time, each for its
// primary and its backup, computed by the contract's rule (SlotAssignment) from the one
// operator set in effect.
const taskCount = 60;
const tolerance = 300;
const start = (await avs.latestTimestamp()) - tolerance + 10;
const taskIds = [];
for (let t = 0; t < taskCount; t++) {
  taskIds.push(await avs.createTask({ url: `${target.url}/tick`, body: '{"n":1}', start, interval: 1, count: 100_000, tolerance }));
}
const operators = await avs.read('operatorsAt', [BigInt(start)]);
const operatorOf = (taskId, slot, rank = 0) =>
  operators[Number((BigInt(keccak256(encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], [taskId, BigInt(slot)]))) + BigInt(rank)) % BigInt(operators.length))];
const primaryOf = (taskId, slot) => operatorOf(taskId, slot);
const [[checked]] = [await avs.read('eligibleOperators', [taskIds[0], 0])];
if (checked[0] !== primaryOf(taskIds[0], 0)) throw new Error('bench: the local primary rule disagrees with eligibleOperators');
let issued = 0;
let firstSlot = 0;
const nextBody = () => {
  const liveFrom = Math.floor((Date.now() + clockOffsetMs) / 1000) - start - tolerance + 5;
  if (firstSlot < liveFrom) [firstSlot, issued] = [liveFrom, 0];
  const taskId = taskIds[issued % taskCount];
  const round = Math.floor(issued++ / taskCount);
  const slot = firstSlot + Math.floor(round / 2);
  return JSON.stringify({ chainId: chain.deployment.chainId, contract: avs.address, taskId: taskId.toString(), slot, operator: operatorOf(taskId, slot, round % 2) });
};

/** Starts `node proxy/serve.js` with `workers` processes and resolves to {url, pids, stop}. */
async function startProxy(workers) {
  const args = ['--rpc-url', chain.rpcUrl, '--chain-id', String(chain.deployment.chainId), '--contracts', avs.address];
  args.push('--key-file', keyFile, '--allow-loopback', '--port', '0', '--workers', String(workers), '--clock-offset-ms', String(clockOffsetMs));
  const proxy = spawn(process.execPath, [serveJs, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    proxy.stdout.on('data', (chunk) => {
      output += chunk;
      if ((output.match(/serving /g) ?? []).length >= workers) resolve(output.match(/serving (\S+)/)[1]);
    });
    proxy.once('exit', (code) => reject(new Error(`serve.js exited with ${code}`)));
  });
  const pids = [...output.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]));
  return { url, pids, stop: () => new Promise((resolve) => proxy.once('exit', resolve).kill('SIGTERM')) };
}

const rows = [];
try {
  for (const workers of workerCounts) {
    const proxy = await startProxy(workers);
    try {
      await load(proxy.url, nextBody, 8, true); // warm the caches and connections
      for (const concurrency of concurrencies) {
        const direct = await load(`${target.url}/tick`, () => '{"n":1}', concurrency, false);
        const cpuBefore = cpuMs(proxy.pids);
        const through = await load(proxy.url, nextBody, concurrency, true);
        const cpuPerHit = (cpuMs(proxy.pids) - cpuBefore) / (through.rate * (durationMs / 1000));
        rows.push({ workers, concurrency, direct, through, cpuPerHit });
      }
    } finally {
      await proxy.stop();
    }
  }
  const ms = (value) => value.toFixed(2);
  console.log(`proxy bench: ${durationMs / 1000} s per row, every request a new (task, slot) of ${taskCount} tasks, target and load generator in one process, proxy (serve.js) in others, anvil in another`);
  console.log(`load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${availableParallelism()} cores`);
  console.log('| workers | concurrency | direct target req/s | proxy hits/s | errors | proxy p50 ms | proxy p99 ms | added p50 ms | added p99 ms | proxy CPU ms/hit |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { workers, concurrency, direct, through, cpuPerHit } of rows) {
    console.log(`| ${workers} | ${concurrency} | ${direct.rate.toFixed(0)} | ${through.rate.toFixed(0)} | ${through.errors} | ${ms(through.p50)} | ${ms(through.p99)} | ${ms(through.added50)} | ${ms(through.added99)} | ${ms(cpuPerHit)} |`);
  }
} finally {
  await target.close();
  await chain.stop();
  rmSync(dir, { recursive: true, force: true });
}
