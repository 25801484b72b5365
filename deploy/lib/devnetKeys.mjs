// The devnet's keys: the proxy signer's key, generated once into the state folder as a file only
// its owner can read (the proxy refuses any other), and the well-known anvil accounts' roles.
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { ANVIL_KEYS } from './devchain.mjs';

/** Anvil account roles: 0 deploys and owns the AVS, 1..3 are operators, 4 is the portal's dev user. */
export const ROLES = { ownerKey: ANVIL_KEYS[0], operatorKeys: ANVIL_KEYS.slice(1, 4), userKey: ANVIL_KEYS[4] };

/** {path, address} of the proxy signer key in `dir`, created with mode 0600 if missing. */
export function proxySignerKey(dir) {
  const path = join(dir, 'proxy.key');
  if (!existsSync(path)) writeFileSync(path, generatePrivateKey() + '\n', { mode: 0o600 });
  chmodSync(path, 0o600);
  const key = readFileSync(path, 'utf8').trim();
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new Error(`${path} does not hold a 0x-prefixed 32-byte hex key; delete it to get a new one`);
  return { path, address: privateKeyToAddress(key) };
}
