// Unit tests of block explorer links (portal/src/explorer.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { txLink, addressLink, explorerBase } from '../src/explorer.js';

const hash = '0x' + 'ab'.repeat(32);
const addr = '0x' + '12'.repeat(20);

test('Holesky and Hoodi link to Etherscan', () => {
  assert.deepEqual(txLink({ chainId: 17000 }, hash), { href: `https://holesky.etherscan.io/tx/${hash}`, external: true });
  assert.deepEqual(txLink({ chainId: 560048 }, hash), { href: `https://hoodi.etherscan.io/tx/${hash}`, external: true });
  assert.equal(addressLink({ chainId: 560048 }, addr).href, `https://hoodi.etherscan.io/address/${addr}`);
});

test('a configured explorer wins, without a trailing slash', () => {
  assert.equal(explorerBase({ chainId: 17000, explorerUrl: 'https://explorer.example/' }), 'https://explorer.example');
  assert.equal(txLink({ chainId: 31337, explorerUrl: 'https://x.test' }, hash).href, `https://x.test/tx/${hash}`);
});

test('a devnet links to the portal\'s own transaction view', () => {
  assert.deepEqual(txLink({ chainId: 31337 }, hash), { href: `#/tx/${hash}`, external: false });
  assert.equal(addressLink({ chainId: 31337 }, addr), null);
});
