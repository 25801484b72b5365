// Small display formats shared by the views: addresses, amounts, times, durations, drift.
import { formatEther } from 'viem';

export function shortAddress(address) {
  return address ? `${address.slice(0, 6)}…${address.slice(-4)}` : '';
}

export function shortHash(hash) {
  return hash ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : '';
}

/** An 18-decimals amount with at most 6 decimals, trailing zeros dropped. */
export function formatAmount(units) {
  const [whole, frac = ''] = formatEther(BigInt(units)).split('.');
  const trimmed = frac.slice(0, 6).replace(/0+$/, '');
  const tiny = BigInt(units) > 0n && whole === '0' && trimmed === '';
  return tiny ? '< 0.000001' : `${whole}${trimmed ? '.' + trimmed : ''}`;
}

/** Wei as ETH. */
export function formatEth(wei) {
  return `${formatAmount(wei)} ETH`;
}

/** Unix seconds as local HH:MM:SS. */
export function formatClock(sec) {
  return new Date(Number(sec) * 1000).toLocaleTimeString([], { hour12: false });
}

/** Unix milliseconds as local HH:MM:SS.mmm. */
export function formatClockMs(ms) {
  const d = new Date(Number(ms));
  return `${d.toLocaleTimeString([], { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** Unix seconds as a local date and time. */
export function formatDateTime(sec) {
  return new Date(Number(sec) * 1000).toLocaleString([], { hour12: false });
}

/** Seconds as the largest fitting units, e.g. "2 min", "1 h 30 min", "45 s". */
export function formatDuration(sec) {
  let s = Math.round(Math.abs(Number(sec)));
  const parts = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]]) {
    if (s >= size || (unit === 's' && parts.length === 0)) {
      parts.push(`${Math.floor(s / size)} ${unit}`);
      s %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** Drift of a hit from its due time: "+120 ms", "−1.25 s". */
export function formatDrift(ms) {
  const n = Number(ms);
  const sign = n > 0 ? '+' : n < 0 ? '−' : '±';
  const a = Math.abs(n);
  return a < 1000 ? `${sign}${a} ms` : `${sign}${(a / 1000).toFixed(2)} s`;
}

/** Relative time from now: "in 12 s", "3 min ago". */
export function formatRelative(sec, nowSec) {
  const d = Number(sec) - Number(nowSec);
  if (d === 0) return 'now';
  return d > 0 ? `in ${formatDuration(d)}` : `${formatDuration(-d)} ago`;
}

/** A fraction of 1e18 (a slashing wad) as a percentage. */
export function formatWadPercent(wad) {
  const pct = Number((BigInt(wad) * 1000000n) / 10n ** 18n) / 10000;
  return `${pct}%`;
}
