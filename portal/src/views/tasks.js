// The task list: the connected account's tasks (or everyone's) with status, progress, next due
// slot, remaining deposit, and a cancel button that refunds the unspent deposit.
import { h, fill, badge, urlText } from '../dom.js';
import { METHODS } from '../schedule.js';
import { nextDueSlot, slotDue, taskStatus } from '../timeline.js';
import { formatEth, formatDuration, formatClock, formatRelative, shortAddress } from '../format.js';
import { progressBar } from './progress.js';

const SHOWN = 50;

export function tasksView(ctx) {
  let showAll = !ctx.wallet;
  const toggle = h('label', { class: 'toggle' }, h('input', { type: 'checkbox', checked: showAll, onchange: (e) => { showAll = e.target.checked; ctx.refresh(); } }), ' everyone\'s tasks');
  const body = h('div', { class: 'card' }, h('p', { class: 'muted' }, 'Loading tasks…'));
  const heading = h('h2', {}, 'My tasks');
  const el = h('section', { class: 'view' },
    h('div', { class: 'view-head' }, heading, h('div', { class: 'spacer' }), toggle, h('a', { class: 'button primary', href: '#/new' }, 'New task')),
    body);

  function cancel(id, task) {
    const unresolved = Number(task.count) - Number(task.proven) - Number(task.missed);
    return ctx.runTx({
      label: `Cancel task #${id} (refund up to ${formatEth(task.deposit)}, ${unresolved} slots unresolved)`,
      functionName: 'cancelTask',
      args: [id],
      onConfirmed: () => {
        ctx.refresh();
        return h('span', {}, 'unspent deposit refunded.');
      },
    });
  }

  function row(id, task, url, nowSec) {
    const status = taskStatus(task, nowSec);
    const next = status === 'cancelled' ? null : nextDueSlot(task, nowSec);
    const mine = ctx.wallet && task.owner.toLowerCase() === ctx.wallet.address.toLowerCase();
    const canCancel = mine && !task.cancelled && status !== 'finished';
    return h('tr', { 'data-task': String(id) },
      h('td', {}, h('a', { href: `#/task/${id}`, class: 'task-id' }, `#${id}`)),
      h('td', { class: 'target' }, h('span', { class: 'method' }, METHODS[task.method]), ' ', urlText(url),
        showAll ? h('div', { class: 'muted small' }, 'owner ', shortAddress(task.owner)) : null),
      h('td', {}, `every ${formatDuration(task.interval)}`, h('div', { class: 'muted small' }, `${task.count} runs`)),
      h('td', {}, badge(status)),
      h('td', { class: 'progress-cell' }, progressBar(task)),
      h('td', { class: 'nowrap' }, next == null ? h('span', { class: 'muted' }, '—')
        : [`#${next} at ${formatClock(slotDue(task, next))}`, h('div', { class: 'muted small' }, formatRelative(slotDue(task, next), nowSec))]),
      h('td', {}, formatEth(task.deposit)),
      h('td', { class: 'actions' },
        h('a', { class: 'button', href: `#/task/${id}` }, 'Open'),
        canCancel ? h('button', { class: 'danger', onclick: () => cancel(id, task) }, 'Cancel') : null));
  }

  async function refresh() {
    heading.textContent = showAll ? 'All tasks' : 'My tasks';
    const head = ctx.head.number;
    const args = showAll || !ctx.wallet ? undefined : { owner: ctx.wallet.address };
    const created = await ctx.events('TaskCreated', args, ctx.config.deployBlock, head);
    const newest = created.slice(-SHOWN).reverse();
    const tasks = await Promise.all(newest.map((log) => ctx.read('getTask', [log.args.taskId])));
    const nowSec = Number(ctx.head.timestamp);
    if (!newest.length) {
      fill(body, h('p', { class: 'empty' }, showAll ? 'No tasks yet. ' : 'You have no tasks yet. ', h('a', { href: '#/new' }, 'Create one'), '.'));
      return;
    }
    fill(body, h('table', { class: 'tasks' },
      h('thead', {}, h('tr', {}, ['Task', 'Target', 'Schedule', 'Status', 'Progress', 'Next due', 'Deposit left', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, newest.map((log, i) => row(log.args.taskId, tasks[i], log.args.url, nowSec)))),
      created.length > SHOWN ? h('p', { class: 'muted small' }, `Showing the newest ${SHOWN} of ${created.length} tasks.`) : null);
  }

  return { title: 'Tasks', el, refresh };
}
