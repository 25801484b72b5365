// The "new task" page: a form for URL, method, body, start, interval, end and fees, checked in the
// browser with a message next to each bad field, a live summary, then the createTask transaction.
import { parseEventLogs } from 'viem';
import { h, fill } from '../dom.js';
import { METHODS, validateTaskForm, createTaskArgs } from '../schedule.js';
import { formatEth, formatDateTime, formatDuration } from '../format.js';
import { escapeInvisible, shortenMiddle } from '../safeText.js';

function field(name, label, control, hint) {
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: `f-${name}` }, label), control, hint ? h('div', { class: 'hint' }, hint) : null, h('div', { class: 'error', id: `e-${name}` }));
}

const input = (name, attrs) => h('input', { id: `f-${name}`, name, ...attrs });
const select = (name, options, value) =>
  h('select', { id: `f-${name}`, name }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
const radio = (name, value, text, checked) =>
  h('label', { class: 'radio' }, h('input', { type: 'radio', name, value, checked }), ' ', text);

const TIME_UNITS = [['s', 'seconds'], ['min', 'minutes'], ['h', 'hours']];

export function createView(ctx) {
  const form = h('form', { class: 'card form', novalidate: true, id: 'create-form' },
    h('h2', {}, 'New task'),
    h('p', { class: 'muted' }, 'The operators call your URL at each scheduled time through the Automation Proxy, which signs a proof of each hit; you pay the fee per proven hit from the deposit, and unspent deposit comes back when you cancel.'),
    field('url', 'Target URL', input('url', { type: 'url', placeholder: 'https://my-function.functions.on-fleek.app/', autocomplete: 'off' })),
    h('div', { class: 'row' },
      field('method', 'Method', select('method', METHODS.map((m) => [m, m]), 'GET')),
      field('body', 'Body (POST, PUT, PATCH)', h('textarea', { id: 'f-body', name: 'body', rows: 2, placeholder: '{"hello":"world"}' }))),
    field('start', 'Start',
      h('div', { class: 'inline' }, radio('startMode', 'now', 'now', true), radio('startMode', 'at', 'at', false),
        input('startAt', { type: 'datetime-local', step: 1 }))),
    h('div', { class: 'row' },
      field('every', 'Every', h('div', { class: 'inline' }, input('every', { type: 'number', min: 1, value: 10 }), select('everyUnit', TIME_UNITS, 's'))),
      field('duration', 'For',
        h('div', { class: 'inline' }, radio('endMode', 'duration', '', true), input('duration', { type: 'number', min: 1, value: 10 }),
          select('durationUnit', [...TIME_UNITS, ['d', 'days']], 'min'))),
      field('runs', 'Or a number of runs',
        h('div', { class: 'inline' }, radio('endMode', 'runs', '', false), input('runs', { type: 'number', min: 1, placeholder: 'runs' })))),
    h('div', { class: 'row' },
      field('tolerance', 'Tolerance (s)', input('tolerance', { type: 'number', min: 1, value: 5 }), 'how early or late a hit may be'),
      field('quorum', 'Proxy signatures', input('quorum', { type: 'number', min: 1, value: 1 }), 'signers needed per hit'),
      field('fee', 'Fee per hit (ETH)', input('fee', { type: 'text', value: '0.0001', inputmode: 'decimal' }), 'paid to the operator per proven hit')),
    h('div', { class: 'summary', id: 'summary' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'create-submit' }, 'Create task')));

  const el = h('section', { class: 'view' }, form);
  const values = () => Object.fromEntries(new FormData(form).entries());
  const limits = () => ({ nowSec: Number(ctx.head.timestamp), params: ctx.params, signerCount: ctx.signers?.length });

  function showErrors(errors) {
    for (const box of form.querySelectorAll('.error')) box.textContent = '';
    for (const node of form.querySelectorAll('.field.invalid')) node.classList.remove('invalid');
    for (const [name, message] of Object.entries(errors)) {
      const box = form.querySelector(`#e-${name}`);
      if (box) {
        box.textContent = message;
        box.closest('.field').classList.add('invalid');
      }
    }
  }

  function summarize() {
    if (!ctx.head) return;
    const { task } = validateTaskForm(values(), limits());
    const box = form.querySelector('#summary');
    if (!task) {
      box.textContent = '';
      return;
    }
    const last = task.start + (task.count - 1) * task.interval;
    fill(box, 
      h('strong', {}, `${task.count} run${task.count === 1 ? '' : 's'}`), `, every ${formatDuration(task.interval)}, `,
      `from ${formatDateTime(task.start)} to ${formatDateTime(last)}. Deposit: `, h('strong', {}, formatEth(task.deposit)), '.');
  }

  // Typing a date or a run count picks its option, so the user need not click the radio too.
  const picks = { startAt: ['startMode', 'at'], runs: ['endMode', 'runs'], duration: ['endMode', 'duration'] };
  form.addEventListener('input', (event) => {
    const pick = picks[event.target.name];
    if (pick) form.querySelector(`input[name="${pick[0]}"][value="${pick[1]}"]`).checked = true;
    summarize();
    if (form.querySelector('.field.invalid')) showErrors(validateTaskForm(values(), limits()).errors);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { errors, task } = validateTaskForm(values(), limits());
    showErrors(errors);
    if (!task) {
      form.querySelector('.field.invalid input, .field.invalid select, .field.invalid textarea')?.focus();
      return;
    }
    const button = form.querySelector('#create-submit');
    button.disabled = true;
    await ctx.runTx({
      label: `Create task: ${shortenMiddle(escapeInvisible(task.url), 80)}`,
      functionName: 'createTask',
      args: createTaskArgs(task),
      value: task.deposit,
      onConfirmed: (receipt) => {
        const [created] = parseEventLogs({ abi: ctx.abis.automatorAbi, eventName: 'TaskCreated', logs: receipt.logs });
        if (!created) return null;
        const id = created.args.taskId;
        location.hash = `#/task/${id}`;
        return h('a', { href: `#/task/${id}` }, `Open task #${id}`);
      },
    });
    button.disabled = false;
  });

  return {
    title: 'New task',
    el,
    refresh: async () => summarize(),
  };
}
