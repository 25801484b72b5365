// Web3 Secret Storage (keystore v3) files: decrypts one with its password (scrypt or
// pbkdf2-sha256, aes-128-ctr, keccak-256 MAC checked before decrypting) and writes new ones.

import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { bytesToHex, keccak256 } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';

/**
 * @param {string | object} keystore the JSON text or the parsed object
 * @param {string} password
 * @returns {`0x${string}`} the private key
 */
export function decryptKeystore(keystore, password) {
  const json = typeof keystore === 'string' ? parseJson(keystore) : keystore;
  const crypto = json?.crypto ?? json?.Crypto;
  if (json?.version !== 3 || !crypto) throw new Error('keystore: not a version 3 keystore');
  if (crypto.cipher !== 'aes-128-ctr') throw new Error(`keystore: cipher ${crypto.cipher} is not supported (aes-128-ctr only)`);
  const derivedKey = deriveKey(crypto.kdf, crypto.kdfparams, password);
  const ciphertext = Buffer.from(crypto.ciphertext, 'hex');
  const mac = Buffer.from(keccak256(Buffer.concat([derivedKey.subarray(16, 32), ciphertext])).slice(2), 'hex');
  const expected = Buffer.from(crypto.mac, 'hex');
  if (expected.length !== mac.length || !timingSafeEqual(mac, expected)) throw new Error('keystore: wrong password (MAC mismatch)');
  const decipher = createDecipheriv('aes-128-ctr', derivedKey.subarray(0, 16), Buffer.from(crypto.cipherparams.iv, 'hex'));
  const privateKey = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  if (privateKey.length !== 32) throw new Error(`keystore: decrypted key is ${privateKey.length} bytes, expected 32`);
  return bytesToHex(privateKey);
}

/**
 * @param {`0x${string}`} privateKey
 * @param {string} password
 * @param {{n?: number, r?: number, p?: number}} [scrypt] cost; the default n = 2^18 is the usual wallet strength
 * @returns {object} the keystore JSON object
 */
export function encryptKeystore(privateKey, password, { n = 262_144, r = 8, p = 1 } = {}) {
  const kdfparams = { dklen: 32, n, r, p, salt: randomBytes(32).toString('hex') };
  const derivedKey = deriveKey('scrypt', kdfparams, password);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-ctr', derivedKey.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(Buffer.from(privateKey.slice(2), 'hex')), cipher.final()]);
  const mac = keccak256(Buffer.concat([derivedKey.subarray(16, 32), ciphertext])).slice(2);
  return {
    version: 3,
    id: randomUUID(),
    address: privateKeyToAddress(privateKey).slice(2).toLowerCase(),
    crypto: { cipher: 'aes-128-ctr', cipherparams: { iv: iv.toString('hex') }, ciphertext: ciphertext.toString('hex'), kdf: 'scrypt', kdfparams, mac },
  };
}

function deriveKey(kdf, params, password) {
  const salt = Buffer.from(params.salt, 'hex');
  if (params.dklen < 32) throw new Error(`keystore: dklen ${params.dklen} is too short (32 needed)`);
  if (kdf === 'scrypt') {
    const { n, r, p, dklen } = params;
    return scryptSync(password.normalize('NFKC'), salt, dklen, { N: n, r, p, maxmem: 256 * n * r + 1_048_576 });
  }
  if (kdf === 'pbkdf2') {
    if (params.prf !== 'hmac-sha256') throw new Error(`keystore: pbkdf2 prf ${params.prf} is not supported`);
    return pbkdf2Sync(password.normalize('NFKC'), salt, params.c, params.dklen, 'sha256');
  }
  throw new Error(`keystore: kdf ${kdf} is not supported (scrypt or pbkdf2)`);
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`keystore: not JSON: ${error.message}`);
  }
}
