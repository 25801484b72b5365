// Unit tests of display formats (portal/src/format.js) and config checks (portal/src/config.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEth, formatDuration, formatDrift, formatRelative, formatWadPercent, shortAddress } from '../src/format.js';
import { checkConfig } from '../src/config.js';

test('amounts, durations and drift', () => {
  assert.equal(formatEth(10n ** 15n), '0.001 ETH');
  assert.equal(formatEth(0n), '0 ETH');
  assert.equal(formatEth(1n), '< 0.000001 ETH');
  assert.equal(formatEth(12n * 10n ** 17n), '1.2 ETH');
  assert.equal(formatDuration(120), '2 min');
  assert.equal(formatDuration(5400), '1 h 30 min');
  assert.equal(formatDuration(0), '0 s');
  assert.equal(formatDrift(120), '+120 ms');
  assert.equal(formatDrift(-1250), '−1.25 s');
  assert.equal(formatRelative(110, 100), 'in 10 s');
  assert.equal(formatRelative(40, 100), '1 min ago');
  assert.equal(formatWadPercent(10n ** 16n), '1%');
  assert.equal(shortAddress('0x1234567890abcdef1234567890abcdef12345678'), '0x1234…5678');
});

test('config: defaults filled in, every bad field named', () => {
  const ok = checkConfig({ chainId: 31337, rpcUrl: '/rpc', automator: '0x' + '11'.repeat(20) });
  assert.equal(ok.chainName, 'Devnet (anvil)');
  assert.equal(ok.deployBlock, 0);
  assert.throws(
    () => checkConfig({ chainId: 0, automator: 'x', devAccountKey: '0x12' }),
    /chainId.*rpcUrl.*automator.*devAccountKey/,
  );
});
