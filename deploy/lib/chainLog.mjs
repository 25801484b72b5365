// Prints what happens on the AVS contract as blocks arrive (tasks created and cancelled, hits
// proven, slots missed, operators slashed or ejected), so the devnet's live output shows hits
// landing and being proven.
import { createPublicClient, http, parseEventLogs } from 'viem';
import { REJECT_REASONS, withOperators } from '../../portal/src/hitEvent.js';

const short = (a) => `${a.slice(0, 6)}…${a.slice(-4)}`;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function describe(e, dueOf) {
  const a = e.args;
  switch (e.eventName) {
    case 'TaskCreated':
      return `task ${a.taskId} created: ${METHODS[a.method]} ${a.url}, every ${a.interval} s × ${a.count}`;
    case 'TaskCancelled':
      return `task ${a.taskId} cancelled, refund ${a.refund} wei`;
    case 'HitProven': {
      const due = dueOf(a.taskId, a.slot);
      const drift = due == null ? '' : `, drift ${Number(a.hitTimeMs) - due * 1000} ms`;
      return `✔ task ${a.taskId} slot ${a.slot} proven by ${short(a.operator)} (HTTP ${a.status}${drift})`;
    }
    case 'HitRejected':
      return `✘ task ${a.taskId} slot ${a.slot} from ${short(a.operator)} rejected: ${REJECT_REASONS[a.reason] ?? `reason ${a.reason}`}`;
    case 'SlotMissed':
      return `✘ task ${a.taskId} slot ${a.slot} MISSED: primary ${short(a.primary)} penalized, reported by ${short(a.reporter)}`;
    case 'OperatorSlashed':
      return `operator ${short(a.operator)} slashed ${Number(a.wad) / 1e16}%`;
    case 'OperatorEjected':
      return `operator ${short(a.operator)} ejected after ${a.misses} misses`;
    case 'OperatorSetScheduled':
      return `operator set from ${new Date(Number(a.effectiveFrom) * 1000).toLocaleTimeString()}: ${a.operators.map(short).join(', ')}`;
    case 'ProxySignerAdded':
      return `proxy signer ${short(a.signer)} added`;
    default:
      return null;
  }
}

/** Follows the contract from the current block on; returns stop(). */
export function followChain({ rpcUrl, automator, abi, print, pollMs = 1000 }) {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) });
  const tasks = new Map(); // taskId -> {start, interval}, for drift
  const dueOf = (id, slot) => {
    const t = tasks.get(id);
    return t ? t.start + Number(slot) * t.interval : null;
  };
  let next = null;
  let stopped = false;

  async function tick() {
    try {
      const head = await client.getBlockNumber();
      if (next == null) next = head + 1n;
      if (head >= next) {
        const logs = await client.getLogs({ address: automator, fromBlock: next, toBlock: head });
        const parsed = parseEventLogs({ abi, logs });
        const proven = parsed.filter((e) => e.eventName === 'HitProven');
        const hits = withOperators(proven, parsed.filter((e) => e.eventName === 'HitsSubmitted'));
        const unpacked = new Map(proven.map((raw, i) => [raw, hits[i]]));
        for (const raw of parsed) {
          const e = unpacked.get(raw) ?? raw;
          if (e.eventName === 'TaskCreated') tasks.set(e.args.taskId, { start: Number(e.args.start), interval: Number(e.args.interval) });
          if (e.eventName === 'HitProven' && !tasks.has(e.args.taskId)) {
            const t = await client.readContract({ address: automator, abi, functionName: 'getTask', args: [e.args.taskId] });
            tasks.set(e.args.taskId, { start: Number(t.start), interval: Number(t.interval) });
          }
          const line = describe(e, dueOf);
          if (line) print(line);
        }
        next = head + 1n;
      }
    } catch {
      // the RPC is restarting or gone; try again on the next tick
    }
    if (!stopped) setTimeout(tick, pollMs);
  }
  tick();
  return () => {
    stopped = true;
  };
}
