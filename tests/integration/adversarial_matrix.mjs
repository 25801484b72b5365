// The adversarial-target matrix (issue 11): whatever a task's target does after the proxy starts
// serving a slot — slow or failing DNS, a connect that never completes, slow headers, a hang, a
// reset, a huge body, a redirect, a forbidden address — the operator that asked in time gets a
// proof the contract accepts, as primary and as backup, for quorum 1 and 2, and no operator is
// penalized.
//
// One anvil chain with the real contracts, two registered operators of which only the first runs
// a node (automator-operator, real): it is the primary of some slots and, because the second
// operator's node is down, the backup of the others. Two real proxies (proxy/serve.js, each with
// its own registered signer) resolve names through a local DNS server that misbehaves on demand
// (lib/adversarial_targets.mjs). Every behaviour gets a quorum-1 and a quorum-2 task with a 1 s
// tolerance (a target delay of 1.5 s is outside it) on the same chain at once. After the last
// slot's miss deadline the test reports every unproven slot itself, as the task owner attacking
// the operators would, and counts SlotMissed / OperatorSlashed events.
//   node tests/integration/adversarial_matrix.mjs --operator build/actors/automator-operator
// Prints the table behaviour x rank x quorum -> proven / penalized and the run time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ANVIL_ADDRESSES, ANVIL_KEYS, startDevchain } from '../../deploy/lib/devchain.mjs';
import { automatorClient } from '../../proxy/test/helpers/automator.js';
import { unpackHit, REJECT_REASONS } from '../../portal/src/hitEvent.js';
import { startAdversarialTargets, startDns } from './lib/adversarial_targets.mjs';
import { freePort, metricsOf, processGroup, writeKey } from './lib/processes.mjs';

const { values: args } = parseArgs({ options: { operator: { type: 'string' } } });
const began = performance.now();
const work = mkdtempSync(join(tmpdir(), 'automator-matrix-'));
const { start, waitFor, report, stopAll } = processGroup();
const [running, down] = [1, 2]; // anvil accounts of the operators: a node runs for the first only
const proxyAccounts = [9, 8];
const params = { epochLength: 1, activationDelay: 1, redundancy: 2, failoverDelay: 3, submitWindow: 15 }; // a long submit window costs only a failing run time
const tolerance = 1;
// Tasks start in `interval` different seconds, so a few slots fall due per second (the matrix
// is about target behaviours, not a burst of the proxy's chain reads).
const interval = 4;
const slotsPerTask = 5;

const log = (line) => console.log(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${line}`);

async function startProxies(chain, dns) {
  const urls = [];
  for (const i of proxyAccounts) {
    const port = await freePort();
    start(`proxy ${i}`, process.execPath, [
      'proxy/serve.js', `--chain-id=${chain.deployment.chainId}`, `--contracts=${chain.deployment.automator}`,
      `--rpc-url=${chain.rpcUrl}`, `--key-file=${writeKey(work, `proxy-${i}.key`, ANVIL_KEYS[i])}`, '--allow-loopback',
      `--port=${port}`, `--dns-servers=${dns.server}`, '--target-timeout-ms=3000',
    ]);
    urls.push(`http://127.0.0.1:${port}`);
  }
  for (const url of urls) await waitFor(`the proxy at ${url}`, async () => (await fetch(url)).ok, 30_000);
  return urls;
}

async function startNode(chain, proxyUrls) {
  const deployment = join(work, 'deployment.json');
  writeFileSync(deployment, JSON.stringify(chain.deployment));
  const port = await freePort();
  const node = start('operator', args.operator, [
    '--config-file=config/single-process.ini', `--node.deployment=${deployment}`, `--node.proxy-urls=${JSON.stringify(proxyUrls)}`,
    `--node.rpc-url=${chain.rpcUrl}`, '--chain.confirmations=0', '--chain.poll-interval-ms=300', '--prover.batch-age-ms=300',
    `--node.key-file=${writeKey(work, 'operator.key', ANVIL_KEYS[running])}`, `--node.store=${join(work, 'store')}`,
    `--node.metrics-port=${port}`, '--node.log-level=info',
  ]);
  await waitFor('the node', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 60_000);
  return { port, node };
}

/**
 * One task per behaviour and quorum, and more while a (behaviour, quorum) lacks a slot of either
 * rank (the slot assignment is a hash). Returns the slots: {behaviour, quorum, rank, taskId, slot}.
 */
async function createTasks(avs, behaviours, firstSlotAt) {
  const slots = [];
  let created = 0;
  for (const behaviour of behaviours) {
    for (const quorum of [1, 2]) {
      for (let extra = 0; extra < 4; extra++) {
        const start = firstSlotAt + (created++ % interval);
        const taskId = await avs.createTask({ url: behaviour.url, method: 'GET', start, interval, count: slotsPerTask, tolerance, quorum });
        const assigned = await Promise.all([...Array(slotsPerTask).keys()].map((slot) => avs.read('eligibleOperators', [taskId, slot])));
        assigned.forEach(([operators], slot) => {
          const rank = operators[0] === ANVIL_ADDRESSES[running] ? 'primary' : 'backup';
          slots.push({ behaviour: behaviour.name, quorum, rank, taskId, slot });
        });
        const ranks = new Set(slots.filter((s) => s.behaviour === behaviour.name && s.quorum === quorum).map((s) => s.rank));
        if (ranks.size === 2) break;
      }
    }
  }
  return slots;
}

async function events(avs, eventName, fromBlock) {
  return avs.reader.getContractEvents({ address: avs.address, abi: avs.abi, eventName, fromBlock });
}

/** Reports every slot still unproven after its deadline, as an attacking task owner would. */
async function reportUnproven(avs, slots, provenKeys) {
  for (const s of slots) {
    if (provenKeys.has(`${s.taskId}:${s.slot}`)) continue;
    try {
      await avs.send('reportMissed', [s.taskId, s.slot]);
    } catch {
      // reported already (the running node's watchdog does it too) or not reportable
    }
  }
}

function table(slots, proven, missed, rejected) {
  const cells = new Map();
  for (const s of slots) {
    const key = `${s.behaviour}|${s.rank}|${s.quorum}`;
    const cell = cells.get(key) ?? { ...s, slots: 0, proven: 0, missed: 0, rejected: new Set() };
    const id = `${s.taskId}:${s.slot}`;
    cell.slots++;
    if (proven.has(id)) cell.proven++;
    if (missed.has(id)) cell.missed++;
    for (const reason of rejected.get(id) ?? []) cell.rejected.add(reason);
    cells.set(key, cell);
  }
  const rows = [...cells.values()];
  const lines = ['| behaviour | rank | quorum | slots | proven | penalized | result | rejected as |', '|---|---|---|---|---|---|---|---|'];
  for (const c of rows) {
    const result = c.proven === c.slots && c.missed === 0 ? 'proven' : c.missed ? 'penalized' : 'unproven';
    lines.push(`| ${c.behaviour} | ${c.rank} | ${c.quorum} | ${c.slots} | ${c.proven} | ${c.missed} | ${result} | ${[...c.rejected].join(', ')} |`);
  }
  return { text: lines.join('\n'), failed: rows.filter((c) => c.proven !== c.slots || c.missed) };
}

async function matrix() {
  const targets = await startAdversarialTargets();
  const dns = await startDns(targets.dnsZone);
  const chain = await startDevchain({
    operatorKeys: [ANVIL_KEYS[running], ANVIL_KEYS[down]],
    proxySignerAddresses: proxyAccounts.map((i) => ANVIL_ADDRESSES[i]),
    params,
    waitForOperators: true,
  });
  try {
    log(`chain up at ${chain.rpcUrl}; operator ${ANVIL_ADDRESSES[running]} runs a node, ${ANVIL_ADDRESSES[down]} is down`);
    const proxyUrls = await startProxies(chain, dns);
    const { port: metricsPort, node } = await startNode(chain, proxyUrls);
    const avs = automatorClient(chain);
    avs.send = makeSender(chain, avs);
    const fromBlock = await avs.reader.getBlockNumber();
    const firstSlotAt = Number(await avs.latestTimestamp()) + 15;
    const slots = await createTasks(avs, targets.behaviours, firstSlotAt);
    const taskIds = [...new Set(slots.map((s) => s.taskId))];
    log(`${taskIds.length} tasks, ${slots.length} slots from ${firstSlotAt}, tolerance ${tolerance} s`);

    let lastDeadline = 0;
    for (const s of slots) lastDeadline = Math.max(lastDeadline, Number(await avs.read('missDeadline', [s.taskId, s.slot])));
    const allProven = async () => {
      const progress = await Promise.all(taskIds.map((id) => avs.read('progress', [id])));
      return progress.every(([p]) => p === slotsPerTask);
    };
    // Either every slot is proven, or the deadlines have passed (anvil's clock is the wall
    // clock) and the rest may be reported.
    await waitFor('every slot proven or past its deadline', async () => (await allProven()) || Date.now() / 1000 > lastDeadline + 1, (lastDeadline - firstSlotAt + 60) * 1000);
    const provenLogs = await events(avs, 'HitProven', fromBlock);
    const proven = new Set(provenLogs.map((l) => `${l.args.taskId}:${unpackHit(l.args.packedHit).slot}`));
    await reportUnproven(avs, slots, proven);
    const missedLogs = await events(avs, 'SlotMissed', fromBlock);
    const slashedLogs = await events(avs, 'OperatorSlashed', fromBlock);
    const missed = new Set(missedLogs.map((l) => `${l.args.taskId}:${l.args.slot}`));
    const rejected = new Map();
    for (const l of await events(avs, 'HitRejected', fromBlock)) {
      const id = `${l.args.taskId}:${l.args.slot}`;
      rejected.set(id, [...(rejected.get(id) ?? []), REJECT_REASONS[l.args.reason]]);
    }
    const result = table(slots, proven, missed, rejected);
    console.log(result.text);
    const status0 = (await metricsOf(metricsPort)).split('\n').filter((l) => l.startsWith('automator_status0_')).join('; ');
    log(`node's status-0 metrics: ${status0 || 'none'}`);
    log(`SlotMissed ${missedLogs.length}, OperatorSlashed ${slashedLogs.length}`);
    if (result.failed.length || missedLogs.length || slashedLogs.length) {
      // What the node said about the slots it could not prove (one line per distinct message).
      const said = new Map();
      for (const line of node.output.split('\n').filter((l) => /\[(warning|error)\]/.test(l))) {
        const shape = line.replace(/^\[[^\]]*\] /, '').replace(/\d+/g, 'N');
        if (!said.has(shape)) said.set(shape, line);
      }
      console.log([...said.values()].slice(0, 40).join('\n'));
      throw new Error(`${result.failed.length} cells not all proven, ${missedLogs.length} slots penalized`);
    }
    log(`ok: ${slots.length} slots of ${targets.behaviours.length} target behaviours proven, no penalty`);
  } finally {
    dns.close();
    await targets.close();
    await chain.stop();
  }
}

/** avs.send for a write the helper does not wrap (reportMissed), as the task owner (account 0). */
function makeSender(chain, avs) {
  const wallet = createWalletClient({ account: privateKeyToAccount(ANVIL_KEYS[0]), transport: http(chain.rpcUrl), chain: null });
  return async (functionName, fnArgs) => {
    const hash = await wallet.writeContract({ address: avs.address, abi: avs.abi, functionName, args: fnArgs, chain: { id: chain.deployment.chainId } });
    const receipt = await avs.reader.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted`);
  };
}

let failed = false;
try {
  if (!args.operator) throw new Error('--operator PATH is required');
  await matrix();
} catch (error) {
  failed = true;
  console.error(`FAILED: ${error.message}`);
  if (process.env.VERBOSE || !error.message.includes('cells not all proven')) report();
} finally {
  await stopAll();
  rmSync(work, { recursive: true, force: true });
  log(`run time ${((performance.now() - began) / 1000).toFixed(1)} s`);
}
process.exit(failed ? 1 : 0);
