// A task's progress as a bar and counts (proven, missed, pending), shared by the list and task pages.
import { h } from '../dom.js';

export function progressBar(task) {
  const count = Number(task.count);
  const proven = Number(task.proven);
  const missed = Number(task.missed);
  const pending = count - proven - missed;
  const pct = (n) => `${(100 * n) / Math.max(1, count)}%`;
  return h('div', { class: 'progress' },
    h('div', { class: 'bar' },
      h('span', { class: 'bar-proven', style: `width:${pct(proven)}` }),
      h('span', { class: 'bar-missed', style: `width:${pct(missed)}` })),
    h('div', { class: 'counts' },
      h('span', { class: 'c-proven' }, `${proven} proven`), ' · ',
      h('span', { class: 'c-missed' }, `${missed} missed`), ' · ',
      h('span', { class: 'c-pending' }, `${pending} pending`)));
}
