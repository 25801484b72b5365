// Where the proxy's signing key comes from. Self-hosted: an encrypted keystore (password from a
// file or the environment) or a raw key file that only its owner can read. Fleek: a secret
// environment variable of a private/SGX deployment. The key is never part of the code bundle.

import { readFileSync, statSync } from 'node:fs';
import { isHex } from 'viem';
import { decryptKeystore } from './keystore.js';

/**
 * @param {object} source exactly one of keystorePath, keyFile, privateKey
 * @param {string} [source.keystorePath] keystore v3 JSON file
 * @param {string} [source.keystorePassword] its password, or
 * @param {string} [source.keystorePasswordFile] a file holding it (must be mode 0600 or stricter)
 * @param {string} [source.keyFile] file holding the 0x hex key (must be mode 0600 or stricter)
 * @param {string} [source.privateKey] the 0x hex key itself (Fleek secret)
 * @returns {`0x${string}`}
 */
export function loadPrivateKey(source) {
  const given = ['keystorePath', 'keyFile', 'privateKey'].filter((name) => source[name]);
  if (given.length !== 1) {
    throw new Error(`key: give exactly one of a keystore, a key file or a key secret (got ${given.length ? given.join(', ') : 'none'})`);
  }
  if (source.privateKey) return checkKey(source.privateKey.trim(), 'the key secret');
  if (source.keyFile) return checkKey(readOwnerOnly(source.keyFile).trim(), source.keyFile);
  const password = source.keystorePasswordFile ? readOwnerOnly(source.keystorePasswordFile).replace(/\r?\n$/, '') : source.keystorePassword;
  if (password === undefined) throw new Error(`key: the keystore ${source.keystorePath} needs a password (a password file or variable)`);
  return decryptKeystore(readFileSync(source.keystorePath, 'utf8'), password);
}

/** Reads a secret file, refusing one that group or others may read or write. */
export function readOwnerOnly(path) {
  const { mode } = statSync(path);
  if (mode & 0o077) {
    throw new Error(`key: ${path} has mode ${(mode & 0o777).toString(8).padStart(4, '0')}; it must be readable by its owner only (chmod 600 ${path})`);
  }
  return readFileSync(path, 'utf8');
}

function checkKey(key, where) {
  if (!isHex(key) || key.length !== 66) throw new Error(`key: ${where} does not hold a 0x-prefixed 32-byte hex key`);
  return /** @type {`0x${string}`} */ (key);
}
