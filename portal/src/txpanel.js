// Sends the portal's transactions and shows each one's progress in a panel: checking (a dry run
// that decodes the contract's custom error before anything is signed), signing, pending with its
// hash, then confirmed or failed.
import { h, fill, link } from './dom.js';
import { describeError } from './errors.js';
import { txLink } from './explorer.js';
import { shortHash } from './format.js';

const DISMISS_AFTER_MS = 30000;

function entry(panel, label) {
  const status = h('div', { class: 'tx-status' });
  const close = h('button', { class: 'tx-close', title: 'Dismiss', onclick: () => el.remove() }, '×');
  const el = h('div', { class: 'tx tx-running', role: 'status' }, close, h('div', { class: 'tx-label' }, label), status);
  panel.prepend(el);
  const show = (kind, ...content) => {
    el.className = `tx tx-${kind}`;
    fill(status, ...content);
  };
  const dismissLater = () => setTimeout(() => el.remove(), DISMISS_AFTER_MS);
  return { show, dismissLater };
}

/**
 * @returns runTx({label, functionName, args, value, gasHeadroom, onConfirmed(receipt) -> node|null});
 *   gasHeadroom multiplies the estimated gas, for calls whose estimate is too tight to be safe
 */
export function createTxRunner(panel, ctx) {
  return async function runTx({ label, functionName, args, value, gasHeadroom, onConfirmed }) {
    const item = entry(panel, label);
    if (!ctx.wallet) {
      item.show('failed', 'Connect a wallet first.');
      return null;
    }
    try {
      item.show('running', 'Checking the transaction against the chain…');
      const { request } = await ctx.client.simulateContract({
        address: ctx.config.automator, abi: ctx.abis.automatorAbi, functionName, args, value, account: ctx.wallet.account,
      });
      if (gasHeadroom) {
        const estimate = await ctx.client.estimateContractGas(request);
        request.gas = (estimate * BigInt(Math.round(gasHeadroom * 100))) / 100n;
      }
      item.show('running', ctx.wallet.kind === 'dev' ? 'Signing with the dev account…' : 'Waiting for your signature in the wallet…');
      const hash = await ctx.wallet.client.writeContract(request);
      const hashLink = link(txLink(ctx.config, hash), shortHash(hash), { class: 'mono' });
      item.show('pending', 'Pending: ', hashLink, ' — waiting for a block…');
      const receipt = await ctx.client.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') {
        item.show('failed', `Reverted in block ${receipt.blockNumber}: `, hashLink);
        return null;
      }
      item.show('confirmed', `Confirmed in block ${receipt.blockNumber}: `, hashLink, h('div', {}, onConfirmed?.(receipt)));
      item.dismissLater();
      return receipt;
    } catch (err) {
      item.show('failed', 'Failed: ' + describeError(err));
      return null;
    }
  };
}
