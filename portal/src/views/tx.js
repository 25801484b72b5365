// The devnet's own transaction view (a devnet has no Etherscan): a transaction and its receipt
// from the RPC, with the contract call and its events decoded.
import { decodeFunctionData, parseEventLogs } from 'viem';
import { h, fill, badge } from '../dom.js';
import { formatEth, formatDateTime } from '../format.js';
import { escapeInvisible } from '../safeText.js';

const show = (v) => (typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? `[${v.map(show).join(', ')}]`
  : v && typeof v === 'object' ? `{${Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join(', ')}}` : String(v));

function kv(rows) {
  return h('table', { class: 'kv' }, h('tbody', {}, rows.filter(Boolean).map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))));
}

function decodedCall(ctx, tx) {
  if (!tx.to || tx.to.toLowerCase() !== ctx.config.automator.toLowerCase()) return null;
  try {
    const { functionName, args = [] } = decodeFunctionData({ abi: ctx.abis.automatorAbi, data: tx.input });
    // Arguments (a task's URL and body) are anyone's text: controls and bidi marks escaped.
    return h('pre', { class: 'call', dir: 'ltr' }, `${functionName}(\n${args.map((a) => '  ' + escapeInvisible(show(a))).join(',\n')}\n)`);
  } catch {
    return null;
  }
}

export function txView(ctx, { hash }) {
  const el = h('section', { class: 'view' }, h('div', { class: 'card' }, h('p', { class: 'muted' }, `Loading ${hash}…`)));
  let done = false;

  async function refresh() {
    if (done) return;
    const tx = await ctx.client.getTransaction({ hash }).catch(() => null);
    if (!tx) {
      fill(el, h('div', { class: 'card' }, h('h2', {}, 'Transaction'), h('p', { class: 'mono' }, hash), h('p', { class: 'empty' }, 'Not found on this chain (yet).')));
      return;
    }
    const receipt = await ctx.client.getTransactionReceipt({ hash }).catch(() => null);
    const block = receipt ? await ctx.client.getBlock({ blockNumber: receipt.blockNumber }) : null;
    const events = receipt ? parseEventLogs({ abi: ctx.abis.automatorAbi, logs: receipt.logs }) : [];
    fill(el, h('div', { class: 'card' },
      h('h2', {}, 'Transaction ', receipt ? badge(receipt.status === 'success' ? 'success' : 'reverted', receipt.status === 'success' ? 'proven' : 'missed') : badge('pending')),
      h('p', { class: 'muted small' }, 'Shown from the devnet\'s RPC: a local chain has no public block explorer.'),
      kv([
        ['Hash', h('span', { class: 'mono' }, hash)],
        ['Block', receipt ? `${receipt.blockNumber} (${formatDateTime(block.timestamp)})` : 'pending'],
        ['From', h('span', { class: 'mono' }, tx.from)],
        ['To', h('span', { class: 'mono' }, tx.to ?? 'contract creation')],
        ['Value', formatEth(tx.value)],
        receipt && ['Gas used', receipt.gasUsed.toString()],
        ['Nonce', String(tx.nonce)],
      ]),
      decodedCall(ctx, tx) ? [h('h3', {}, 'Call'), decodedCall(ctx, tx)] : null,
      events.length ? [h('h3', {}, `Events (${events.length})`),
        h('ul', { class: 'events' }, events.map((e) => h('li', {}, h('strong', {}, e.eventName), ' ', h('span', { class: 'mono small' }, show(e.args)))))] : null));
    done = Boolean(receipt);
  }

  return { title: 'Transaction', el, refresh };
}
