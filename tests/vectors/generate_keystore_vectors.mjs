// Writes tests/vectors/keystore_vectors.json: Web3 Secret Storage v3 keystores for the C++
// node's keystore reader (node_core/eth/keystore.cpp): one written by the proxy's own
// encryptKeystore (scrypt, a low cost so tests stay fast), one pbkdf2 keystore, and the
// pbkdf2 test vector of the Web3 Secret Storage definition. Every keystore is decrypted here by
// the proxy's decryptKeystore first, so the node and the proxy read the same files.
// Run: node tests/vectors/generate_keystore_vectors.mjs   (salts and ivs are random; commit the output)
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keccak256 } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { decryptKeystore, encryptKeystore } from '../../proxy/src/keystore.js';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'keystore_vectors.json');
// anvil's development account 0: a public test key.
const ANVIL_KEY0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

function pbkdf2Keystore(privateKey, password, c) {
  const kdfparams = { c, dklen: 32, prf: 'hmac-sha256', salt: randomBytes(32).toString('hex') };
  const derived = pbkdf2Sync(password, Buffer.from(kdfparams.salt, 'hex'), c, 32, 'sha256');
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-ctr', derived.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(Buffer.from(privateKey.slice(2), 'hex')), cipher.final()]);
  const mac = keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext])).slice(2);
  return {
    version: 3,
    address: privateKeyToAddress(privateKey).slice(2).toLowerCase(),
    crypto: { cipher: 'aes-128-ctr', cipherparams: { iv: iv.toString('hex') }, ciphertext: ciphertext.toString('hex'), kdf: 'pbkdf2', kdfparams, mac },
  };
}

const specKey = '0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d';
const spec = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '6087dab2f9fdbbfaddc31a909735c1e6' },
    ciphertext: '5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46',
    kdf: 'pbkdf2',
    kdfparams: { c: 262144, dklen: 32, prf: 'hmac-sha256', salt: 'ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd' },
    mac: '517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
};

const cases = [
  { name: 'proxy encryptKeystore, scrypt n=2^10', password: 'operator password', key: ANVIL_KEY0,
    keystore: encryptKeystore(ANVIL_KEY0, 'operator password', { n: 1024, r: 8, p: 1 }) },
  { name: 'pbkdf2-hmac-sha256, c=1000', password: 'pässwörd ✓', key: ANVIL_KEY0,
    keystore: pbkdf2Keystore(ANVIL_KEY0, 'pässwörd ✓', 1000) },
  { name: 'Web3 Secret Storage definition, pbkdf2 test vector', password: 'testpassword', key: specKey, keystore: spec },
];
for (const c of cases) {
  if (decryptKeystore(c.keystore, c.password) !== c.key) throw new Error(`${c.name}: the proxy does not decrypt it`);
  c.address = privateKeyToAddress(c.key);
  delete c.key;  // the tests compare the address; the key stays out of the file's fields
}
writeFileSync(OUT, JSON.stringify({ keystores: cases }, null, 2) + '\n');
console.log(`wrote ${OUT}`);
