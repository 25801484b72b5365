// The portal's entry point: loads /config.json, connects to the chain, follows new blocks, shows
// the RPC state, routes between pages (#/, #/new, #/task/<id>, #/operators, #/tx/<hash>) and
// refreshes the visible page on every block.
import { automatorAbi, allocationManagerAbi } from 'portal:abis';
import { h, fill } from './dom.js';
import { checkConfig } from './config.js';
import { createReader, devWallet, injectedWallet, followInjected } from './chain.js';
import { createEventReader } from './events.js';
import { watchHead } from './head.js';
import { createTxRunner } from './txpanel.js';
import { describeError } from './errors.js';
import { formatClock, shortAddress } from './format.js';
import { createView } from './views/create.js';
import { tasksView } from './views/tasks.js';
import { taskView } from './views/task.js';
import { operatorsView } from './views/operators.js';
import { txView } from './views/tx.js';

const ROUTES = [
  [/^#\/new$/, createView, 'new'],
  [/^#\/task\/(?<id>\d+)$/, taskView, 'tasks'],
  [/^#\/operators$/, operatorsView, 'operators'],
  [/^#\/tx\/(?<hash>0x[0-9a-fA-F]{64})$/, txView, null],
  [/^(#\/?)?$/, tasksView, 'tasks'],
];

const $ = (id) => document.getElementById(id);

function showFatal(message) {
  fill($('view'), h('div', { class: 'card fatal' }, h('h2', {}, 'The portal cannot start'), h('p', {}, message)));
}

function renderAccount(ctx) {
  const box = $('account');
  if (ctx.wallet?.kind === 'dev') {
    fill(box, h('span', { class: 'dev-label', title: 'A funded devnet key from /config.json' }, 'DEV ACCOUNT'), ' ',
      h('span', { class: 'mono', title: ctx.wallet.address }, shortAddress(ctx.wallet.address)));
    $('dev-banner').hidden = false;
  } else if (ctx.wallet) {
    fill(box, h('span', { class: 'mono', title: ctx.wallet.address }, shortAddress(ctx.wallet.address)));
  } else {
    fill(box, h('button', {
      class: 'primary', onclick: async () => {
        try {
          ctx.wallet = await injectedWallet(ctx.config);
          followInjected((address) => {
            ctx.wallet = address ? { ...ctx.wallet, account: address, address } : null;
            renderAccount(ctx);
            route(ctx);
          });
          renderAccount(ctx);
          route(ctx);
        } catch (err) {
          box.append(h('div', { class: 'error' }, describeError(err)));
        }
      },
    }, 'Connect wallet'));
  }
}

function setRpcState(ctx, { ok, error }) {
  const banner = $('rpc-banner');
  ctx.rpcOk = ok;
  document.body.classList.toggle('rpc-down', !ok);
  if (ok) {
    banner.hidden = true;
    return;
  }
  const since = ctx.head ? ` The page shows data as of block ${ctx.head.number} (${formatClock(ctx.head.timestamp)}).` : '';
  fill(banner, h('strong', {}, 'Chain RPC unreachable. '), `${describeError(error)}. Retrying every 2 s.${since}`);
  banner.hidden = false;
}

function renderHead(ctx) {
  fill($('chain'), h('span', { class: 'dot' }), ` ${ctx.config.chainName} · block `,
    h('span', { id: 'block-number' }, String(ctx.head.number)), ` · ${formatClock(ctx.head.timestamp)}`);
}

let current = null;

/** Refreshes the visible page; a refresh asked for while one runs is done once after it. */
async function refreshCurrent(ctx) {
  const page = current;
  if (!page || !ctx.head) return;
  if (page.running) {
    page.dirty = true;
    return;
  }
  page.running = true;
  try {
    do {
      page.dirty = false;
      await page.view.refresh();
      page.error.hidden = true;
    } while (page.dirty && current === page);
  } catch (err) {
    page.error.textContent = `Could not load this page: ${describeError(err)}`;
    page.error.hidden = false;
  } finally {
    page.running = false;
  }
}

function route(ctx) {
  const hash = location.hash;
  const [pattern, make, tab] = ROUTES.find(([re]) => re.test(hash)) ?? ROUTES.at(-1);
  const view = make(ctx, pattern.exec(hash)?.groups ?? {});
  const error = h('div', { class: 'load-error', hidden: true });
  current = { view, error, running: false, dirty: false };
  document.title = `${view.title} · Fleek Automator`;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.tab === tab);
  fill($('view'), error, view.el);
  refreshCurrent(ctx);
}

async function start() {
  let config;
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    config = checkConfig(await response.json());
  } catch (err) {
    showFatal(err.message);
    return;
  }
  const client = createReader(config);
  const ctx = {
    config,
    client,
    abis: { automatorAbi, allocationManagerAbi },
    wallet: devWallet(config),
    head: null,
    params: null,
    signers: null,
    // Reads at the head block, so that a page's reads and event logs describe the same moment.
    read: (functionName, args) =>
      client.readContract({ address: config.automator, abi: automatorAbi, functionName, args, blockNumber: ctx.head?.number }),
    events: createEventReader(client, { address: config.automator, abi: automatorAbi }),
    refresh: () => refreshCurrent(ctx),
  };
  ctx.runTx = createTxRunner($('tx-panel'), ctx);
  renderAccount(ctx);
  window.addEventListener('hashchange', () => route(ctx));
  route(ctx);

  watchHead(client, {
    pollMs: config.pollMs,
    onStatus: (status) => setRpcState(ctx, status),
    onBlock: async (block) => {
      const first = !ctx.head;
      ctx.head = block;
      renderHead(ctx);
      if (first || !ctx.params) {
        [ctx.params, ctx.signers] = await Promise.all([ctx.read('params'), ctx.read('proxySigners')]).catch(() => [null, null]);
      }
      refreshCurrent(ctx);
    },
  });
}

start();
