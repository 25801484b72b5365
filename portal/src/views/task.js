// A task's page: what it calls and when, its progress and next due slot, the timeline of its
// slots with each proof, and the owner's cancel and anyone's "report missed" actions.
import { hexToString, size } from 'viem';
import { h, fill, link, badge, urlText } from '../dom.js';
import { escapeInvisible } from '../safeText.js';
import { METHODS } from '../schedule.js';
import { deriveSlots, nextDueSlot, slotDue, taskStatus, liveWindowStart, pageCount } from '../timeline.js';
import { txLink } from '../explorer.js';
import { formatEth, formatDuration, formatDateTime, formatClock, formatRelative, shortAddress } from '../format.js';
import { progressBar } from './progress.js';
import { withOperators } from '../hitEvent.js';
import { slotStrip, slotTable, legend } from './slots.js';

const PAGE_SIZE = 30;
const LOOK_BACK = 10; // due slots shown above the upcoming ones while following now
const STRIP_MAX = 720;

function fact(label, ...value) {
  return h('div', { class: 'fact' }, h('div', { class: 'fact-label' }, label), h('div', { class: 'fact-value' }, ...value));
}

export function taskView(ctx, { id }) {
  const taskId = BigInt(id);
  const el = h('section', { class: 'view' }, h('div', { class: 'card' }, h('p', { class: 'muted' }, `Loading task #${id}…`)));
  let created = null; // the TaskCreated log: URL and body in full
  let deadlineOffset = null;
  let page = null; // null: follow now (the live window); else a fixed page
  const assignments = new Map();

  // A slot's operators are final once it is due (its operator set was scheduled an activation
  // delay before), so due slots are asked once; upcoming ones on every refresh.
  async function loadAssignments(rows, nowSec) {
    const shown = new Map();
    await Promise.all(rows.map(async (r) => {
      if (assignments.has(r.slot)) return shown.set(r.slot, assignments.get(r.slot));
      try {
        const [operators, earliest] = await ctx.read('eligibleOperators', [taskId, r.slot]);
        shown.set(r.slot, { operators, earliest });
        if (r.due <= nowSec) assignments.set(r.slot, { operators, earliest });
      } catch {
        // no operator set at that time: the slot shows without an assignment
      }
    }));
    return shown;
  }

  function cancel(task) {
    return ctx.runTx({
      label: `Cancel task #${id} (refund up to ${formatEth(task.deposit)})`,
      functionName: 'cancelTask', args: [taskId],
      onConfirmed: () => { ctx.refresh(); return h('span', {}, 'unspent deposit refunded.'); },
    });
  }

  function report(slot) {
    return ctx.runTx({
      label: `Report slot ${slot} of task #${id} as missed`,
      functionName: 'reportMissed', args: [taskId, slot],
      // reportMissed refuses to run without SLASH_MIN_GAS left for the core's slash
      // (InsufficientGasForCore), and estimates can fall short of that: room to spare.
      gasHeadroom: 2,
      onConfirmed: () => { ctx.refresh(); return h('span', {}, 'the primary was penalized; the bounty is yours to withdraw.'); },
    });
  }

  function header(task, nowSec, cancelledLog) {
    const status = taskStatus(task, nowSec);
    const next = status === 'cancelled' ? null : nextDueSlot(task, nowSec);
    const url = created?.args.url;
    const body = created && size(created.args.body) ? escapeInvisible(hexToString(created.args.body), { keepLines: true }) : null;
    const last = slotDue(task, Number(task.count) - 1);
    const mine = ctx.wallet && task.owner.toLowerCase() === ctx.wallet.address.toLowerCase();
    return h('div', { class: 'card' },
      h('div', { class: 'view-head' },
        h('h2', {}, `Task #${id} `, badge(status)), h('div', { class: 'spacer' }),
        mine && !task.cancelled && status !== 'finished' ? h('button', { class: 'danger', id: 'cancel-task', onclick: () => cancel(task) }, 'Cancel and refund') : null),
      h('div', { class: 'target big' }, h('span', { class: 'method' }, METHODS[task.method]), ' ', urlText(url, { max: 120, expandable: true })),
      body ? h('pre', { class: 'body', dir: 'ltr' }, body) : null,
      h('div', { class: 'facts' },
        fact('Schedule', `every ${formatDuration(task.interval)}, ${task.count} runs`),
        fact('From', formatDateTime(task.start)),
        fact('To', formatDateTime(last)),
        fact('Tolerance', `± ${task.tolerance} s`),
        fact('Proxy signatures', String(task.quorum)),
        fact('Fee per hit', formatEth(task.feePerHit)),
        fact('Deposit left', formatEth(task.deposit)),
        fact('Owner', h('span', { class: 'mono', title: task.owner }, shortAddress(task.owner))),
        fact('Created', created ? link(txLink(ctx.config, created.transactionHash), `block ${task.createdBlock}`) : `block ${task.createdBlock}`),
        cancelledLog ? fact('Cancelled', link(txLink(ctx.config, cancelledLog.transactionHash), `refund ${formatEth(cancelledLog.args.refund)}`)) : null,
        fact('Next due', next == null ? '—' : `slot ${next} at ${formatClock(slotDue(task, next))} (${formatRelative(slotDue(task, next), nowSec)})`)),
      progressBar(task));
  }

  function pager(task, first) {
    const pages = pageCount(task, PAGE_SIZE);
    if (pages <= 1) return null;
    const go = (p) => { page = p; ctx.refresh(); };
    const last = Math.min(Number(task.count), first + PAGE_SIZE) - 1;
    return h('div', { class: 'pager' },
      h('button', { disabled: first === 0, onclick: () => go(Math.max(0, Math.ceil(first / PAGE_SIZE) - 1)) }, '‹ Earlier'),
      h('span', {}, `slots ${first}–${last} of ${task.count}`),
      h('button', { disabled: last >= Number(task.count) - 1, onclick: () => go(Math.floor(first / PAGE_SIZE) + 1) }, 'Later ›'),
      page == null ? h('span', { class: 'live' }, '● following now') : h('button', { onclick: () => go(null) }, 'Follow now'));
  }

  async function refresh() {
    const head = ctx.head.number;
    const nowSec = Number(ctx.head.timestamp);
    const task = await ctx.read('getTask', [taskId]);
    const from = task.createdBlock;
    if (!created) [created] = await ctx.events('TaskCreated', { taskId }, from, from);
    if (deadlineOffset == null) {
      deadlineOffset = Number((await ctx.read('missDeadline', [taskId, 0])) - (await ctx.read('slotTime', [taskId, 0])));
    }
    const [provenLogs, submitted, misses, cancels] = await Promise.all([
      ctx.events('HitProven', { taskId }, from, head),
      ctx.events('HitsSubmitted', undefined, from, head),
      ctx.events('SlotMissed', { taskId }, from, head),
      ctx.events('TaskCancelled', { taskId }, from, head),
    ]);
    const hits = withOperators(provenLogs, submitted);
    const proven = new Map(hits.map((l) => [Number(l.args.slot), { ...l.args, txHash: l.transactionHash }]));
    const missed = new Map(misses.map((l) => [Number(l.args.slot), { ...l.args, txHash: l.transactionHash }]));
    const derive = (a, b) => deriveSlots(task, { from: a, to: b, proven, missed, nowSec, deadlineOffset });

    const first = page == null ? liveWindowStart(task, nowSec, PAGE_SIZE, LOOK_BACK) : page * PAGE_SIZE;
    const rows = derive(first, first + PAGE_SIZE);
    const shownAssignments = await loadAssignments(rows, nowSec);
    const stripRows = Number(task.count) <= STRIP_MAX ? derive(0, Number(task.count)) : rows;
    const late = stripRows.filter((r) => r.state === 'late').length;

    fill(el, 
      header(task, nowSec, cancels[0]),
      h('div', { class: 'card' },
        h('div', { class: 'view-head' }, h('h3', {}, 'Timeline'), h('div', { class: 'spacer' }), legend()),
        slotStrip(stripRows, (slot) => { page = Math.floor(slot / PAGE_SIZE); ctx.refresh(); }),
        late ? h('p', { class: 'notice' }, `${late} slot${late === 1 ? '' : 's'} passed the deadline without a proof: anyone may report them; the primary is penalized and the reporter earns the slot's fee.`) : null,
        pager(task, first),
        slotTable(rows, { config: ctx.config, nowSec, assignments: shownAssignments, onReport: report })));
  }

  return { title: `Task #${id}`, el, refresh };
}
