#!/usr/bin/env node
// Writes a keystore v3 file (mode 0600, never over an existing file) for the proxy: from a new
// random key (`--new`, e.g. for a key rotation) or from an owner-only key file. Prints the signer
// address to register with addProxySigner / rotateProxySigner.
// Usage: node proxy/scripts/make-keystore.mjs (--new | --key-file FILE) --out FILE [--password-file FILE]
//        (the password comes from --password-file, owner-only, or AUTOMATOR_KEYSTORE_PASSWORD)

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { loadPrivateKey, readOwnerOnly } from '../src/keySource.js';
import { encryptKeystore } from '../src/keystore.js';

try {
  const { values } = parseArgs({
    options: { new: { type: 'boolean' }, 'key-file': { type: 'string' }, out: { type: 'string' }, 'password-file': { type: 'string' } },
  });
  if (!values.out || Boolean(values.new) === Boolean(values['key-file'])) throw new Error('give --out and exactly one of --new, --key-file');
  const privateKey = values.new ? generatePrivateKey() : loadPrivateKey({ keyFile: values['key-file'] });
  const password = values['password-file'] ? readOwnerOnly(values['password-file']).replace(/\r?\n$/, '') : process.env.AUTOMATOR_KEYSTORE_PASSWORD;
  if (!password) throw new Error('set AUTOMATOR_KEYSTORE_PASSWORD or give --password-file');
  writeFileSync(values.out, JSON.stringify(encryptKeystore(privateKey, password)), { mode: 0o600, flag: 'wx' });
  console.log(`wrote ${values.out} for signer ${privateKeyToAddress(privateKey)}`);
} catch (error) {
  console.error(`make-keystore: ${error.message}`);
  process.exit(2);
}
