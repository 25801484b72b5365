// The operators page: each operator of the AVS with its stake (from the AllocationManager, or the
// devnet's stand-in for it), its state (operatorState.js: active, not proving, ejected...), hits proven, misses, slashings,
// fees earned and fees waiting to be withdrawn; and the connected account's own balance.
import { h, fill, link, badge } from '../dom.js';
import { addressLink } from '../explorer.js';
import { formatAmount, formatEth, formatWadPercent } from '../format.js';
import { operatorState, latestBlockBy } from '../operatorState.js';

const lower = (a) => a.toLowerCase();

export function operatorsView(ctx) {
  const el = h('section', { class: 'view' }, h('div', { class: 'card' }, h('p', { class: 'muted' }, 'Loading operators…')));

  async function stakes(operators) {
    const { allocationManager, strategy, operatorSetId, automator } = ctx.config;
    if (!allocationManager || !strategy) return null;
    const result = await ctx.client.readContract({
      address: allocationManager, abi: ctx.abis.allocationManagerAbi, functionName: 'getAllocatedStake',
      args: [{ avs: automator, id: operatorSetId }, operators, [strategy]],
    });
    return new Map(operators.map((op, i) => [lower(op), result[i][0]]));
  }

  function withdraw() {
    return ctx.runTx({ label: 'Withdraw fees and bounties', functionName: 'withdraw', args: [], onConfirmed: () => { ctx.refresh(); return null; } });
  }

  async function refresh() {
    const head = ctx.head.number;
    const from = ctx.config.deployBlock;
    const [registered, slashed, submitted, missed, active] = await Promise.all([
      ctx.events('OperatorRegistered', undefined, from, head),
      ctx.events('OperatorSlashed', undefined, from, head),
      ctx.events('HitsSubmitted', undefined, from, head),
      ctx.events('SlotMissed', undefined, from, head),
      ctx.read('operatorsAt', [ctx.head.timestamp]).catch(() => []),
    ]);
    const seen = new Map();
    for (const a of [...ctx.config.operators, ...registered.map((l) => l.args.operator), ...active]) seen.set(lower(a), a);
    const operators = [...seen.values()];
    const activeSet = new Set(active.map(lower));
    const [infos, owed, stake] = await Promise.all([
      Promise.all(operators.map((op) => ctx.read('operatorInfo', [op]))),
      Promise.all(operators.map((op) => ctx.read('owed', [op]))),
      operators.length ? stakes(operators).catch(() => null) : null,
    ]);
    const slashes = new Map();
    for (const l of slashed) {
      const s = slashes.get(lower(l.args.operator)) ?? { count: 0, wad: 0n };
      slashes.set(lower(l.args.operator), { count: s.count + 1, wad: s.wad + BigInt(l.args.wad) });
    }

    const lastProven = latestBlockBy(submitted, (a) => a.operator, (l) => BigInt(l.args.accepted) > 0n);
    const lastMissed = latestBlockBy(missed, (a) => a.primary);

    const rows = operators.map((op, i) => {
      const info = infos[i];
      const key = lower(op);
      const s = slashes.get(key);
      const { word, kind, why } = operatorState(info, activeSet.has(key), lastProven.get(key) ?? null, lastMissed.get(key) ?? null);
      const state = badge(word, kind);
      if (why) state.title = why;
      return h('tr', { 'data-operator': op, 'data-state': word },
        h('td', { class: 'mono' }, link(addressLink(ctx.config, op), op)),
        h('td', {}, state),
        h('td', { class: 'num' }, stake ? formatAmount(stake.get(lower(op)) ?? 0n) : '—'),
        h('td', { class: 'num' }, String(info.hitsProven)),
        h('td', { class: 'num' + (info.misses ? ' c-missed' : '') }, String(info.misses)),
        h('td', { class: 'num penalties' }, s ? `${s.count} slash${s.count === 1 ? '' : 'es'} (${formatWadPercent(s.wad)})` : '—'),
        h('td', { class: 'num' }, formatEth(info.feesEarned)),
        h('td', { class: 'num' }, formatEth(owed[i])));
    });

    const me = ctx.wallet ? await ctx.read('owed', [ctx.wallet.address]) : null;
    fill(el, 
      h('div', { class: 'card' },
        h('h2', {}, 'Operators'),
        h('p', { class: 'muted' }, `${activeSet.size} of ${operators.length} operators are in the active set now. Stake is the allocated stake in the operator set, read from the AllocationManager${ctx.config.chainId === 31337 ? ' (the devnet\'s EigenLayer stand-in)' : ''}; each missed slot slashes a fraction of it.`),
        operators.length === 0 ? h('p', { class: 'empty' }, 'No operator has registered yet.')
          : h('table', { class: 'operators' },
            h('thead', {}, h('tr', {}, ['Operator', 'Status', 'Allocated stake', 'Hits proven', 'Misses', 'Penalties', 'Fees earned', 'To withdraw'].map((t) => h('th', {}, t)))),
            h('tbody', {}, rows))),
      me == null ? null : h('div', { class: 'card' },
        h('h3', {}, 'Your balance in the contract'),
        h('p', {}, `Fees and reporting bounties owed to ${ctx.wallet.address}: `, h('strong', {}, formatEth(me)), ' ',
          me > 0n ? h('button', { onclick: withdraw }, 'Withdraw') : null)));
  }

  return { title: 'Operators', el, refresh };
}
