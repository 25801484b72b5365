// A task's slots drawn two ways: a strip of coloured cells (the whole schedule at a glance) and
// a table of one page of slots with each hit's time, drift, HTTP status, operator and proof.
import { h, link, badge } from '../dom.js';
import { txLink } from '../explorer.js';
import { formatClock, formatClockMs, formatDrift, shortAddress, shortHash, formatRelative } from '../format.js';

const STATE_TEXT = { proven: 'proven', missed: 'missed', pending: 'pending', late: 'late', cancelled: 'cancelled' };

/** The strip; `onPick(slot)` jumps to a slot's page. */
export function slotStrip(rows, onPick) {
  return h('div', { class: 'strip', role: 'list' }, rows.map((r) =>
    h('button', {
      class: `cell cell-${r.state}${r.open ? ' cell-open' : ''}`, role: 'listitem', 'data-slot': r.slot, 'data-state': r.state,
      title: `slot ${r.slot} · due ${formatClock(r.due)} · ${STATE_TEXT[r.state]}`, onclick: () => onPick(r.slot),
    })));
}

function role(assignment, operator) {
  if (!assignment) return null;
  const i = assignment.operators.findIndex((a) => a.toLowerCase() === operator.toLowerCase());
  if (i === 0) return badge('primary', 'primary');
  if (i > 0) return badge(`backup ${i}`, 'backup');
  return null;
}

function operatorCell(row, assignment) {
  if (row.hit) return [h('span', { class: 'mono', title: row.hit.operator }, shortAddress(row.hit.operator)), ' ', role(assignment, row.hit.operator)];
  if (row.miss) return [h('span', { class: 'mono', title: row.miss.primary }, shortAddress(row.miss.primary)), ' ', badge('penalized', 'missed')];
  const primary = assignment?.operators[0];
  return primary ? h('span', { class: 'muted mono', title: primary }, `${shortAddress(primary)} (primary)`) : h('span', { class: 'muted' }, '—');
}

function stateCell(row) {
  if (row.state === 'pending' && row.open) return [badge('pending'), ' ', h('span', { class: 'muted small' }, 'awaiting proof')];
  if (row.state === 'late') return [badge('late'), ' ', h('span', { class: 'muted small' }, 'no proof by its deadline')];
  return badge(row.state);
}

/**
 * The table of one page.
 * @param assignments Map slot -> {operators, earliest} from eligibleOperators
 * @param onReport(slot) sends reportMissed for a late slot
 */
export function slotTable(rows, { config, nowSec, assignments, onReport }) {
  return h('table', { class: 'slots' },
    h('thead', {}, h('tr', {}, ['Slot', 'Due', 'State', 'Hit time', 'Drift', 'HTTP', 'Operator', 'Proof / report'].map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.map((row) => {
      const tx = row.hit?.txHash ?? row.miss?.txHash;
      const status = row.hit ? row.hit.status : null;
      const primary = row.miss?.primary ?? assignments.get(row.slot)?.operators[0];
      return h('tr', { 'data-slot': row.slot, 'data-state': row.state, 'data-primary': primary, 'data-operator': row.hit?.operator, class: `row-${row.state}` },
        h('td', { class: 'num' }, String(row.slot)),
        h('td', { class: 'nowrap' }, formatClock(row.due), row.due > nowSec ? h('span', { class: 'muted small' }, ` · ${formatRelative(row.due, nowSec)}`) : null),
        h('td', { class: 'nowrap' }, stateCell(row)),
        h('td', { class: 'mono' }, row.hit ? formatClockMs(row.hit.hitTimeMs) : ''),
        h('td', { class: `mono ${row.hit && Math.abs(row.hit.driftMs) >= 1000 ? 'drift-far' : ''}` }, row.hit ? formatDrift(row.hit.driftMs) : ''),
        h('td', {}, status == null ? '' : h('span', { class: status >= 200 && status < 300 ? 'http-ok' : 'http-bad' }, status === 0 ? 'no answer' : String(status))),
        h('td', {}, operatorCell(row, assignments.get(row.slot))),
        h('td', {},
          tx ? link(txLink(config, tx), shortHash(tx), { class: 'mono' }) : null,
          row.state === 'late' ? h('button', { class: 'small danger', onclick: () => onReport(row.slot) }, 'Report missed') : null));
    })));
}

export function legend() {
  return h('div', { class: 'legend' }, ['proven', 'missed', 'late', 'pending', 'cancelled'].map((s) =>
    h('span', {}, h('span', { class: `cell cell-${s}` }), ' ', s)));
}
