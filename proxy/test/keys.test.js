// Key handling: keystore v3 decryption (the Web3 Secret Storage test vector and a scrypt round
// trip), wrong passwords, and the owner-only rule for key and password files.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { decryptKeystore, encryptKeystore } from '../src/keystore.js';
import { loadPrivateKey } from '../src/keySource.js';

const key = '0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d';

// From the Web3 Secret Storage definition (PBKDF2-SHA-256, password "testpassword").
const specVector = {
  version: 3,
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '6087dab2f9fdbbfaddc31a909735c1e6' },
    ciphertext: '5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46',
    kdf: 'pbkdf2',
    kdfparams: { c: 262144, dklen: 32, prf: 'hmac-sha256', salt: 'ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd' },
    mac: '517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2',
  },
};

describe('keystore v3', () => {
  it('decrypts the specification test vector', () => {
    assert.equal(decryptKeystore(JSON.stringify(specVector), 'testpassword'), key);
  });

  it('round-trips a scrypt keystore and refuses a wrong password', () => {
    const keystore = encryptKeystore(key, 'correct horse', { n: 1024 });
    assert.equal(keystore.address, '008aeeda4d805471df9b2a5b0f38a0c3bcba786b');
    assert.equal(decryptKeystore(keystore, 'correct horse'), key);
    assert.throws(() => decryptKeystore(keystore, 'wrong'), /wrong password/);
  });

  it('names what is wrong with a malformed keystore', () => {
    assert.throws(() => decryptKeystore('{', 'x'), /not JSON/);
    assert.throws(() => decryptKeystore({ version: 1 }, 'x'), /not a version 3 keystore/);
    assert.throws(() => decryptKeystore({ ...specVector, crypto: { ...specVector.crypto, cipher: 'aes-256-gcm' } }, 'x'), /cipher aes-256-gcm/);
  });
});

describe('loadPrivateKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proxy-keys-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name, content, mode) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    chmodSync(path, mode);
    return path;
  };

  it('reads a key file only its owner can read', () => {
    assert.equal(loadPrivateKey({ keyFile: file('key-600', `${key}\n`, 0o600) }), key);
    assert.equal(loadPrivateKey({ keyFile: file('key-400', key, 0o400) }), key);
  });

  it('refuses a key file others can read, saying how to fix it', () => {
    const path = file('key-644', key, 0o644);
    assert.throws(() => loadPrivateKey({ keyFile: path }), new RegExp(`mode 0644.*chmod 600 ${path}`));
    assert.throws(() => loadPrivateKey({ keyFile: file('key-640', key, 0o640) }), /mode 0640/);
  });

  it('decrypts a keystore with a password file, which must be owner-only too', () => {
    const keystorePath = file('keystore.json', JSON.stringify(encryptKeystore(key, 'pw', { n: 1024 })), 0o644);
    assert.equal(loadPrivateKey({ keystorePath, keystorePasswordFile: file('pw-600', 'pw\n', 0o600) }), key);
    assert.equal(loadPrivateKey({ keystorePath, keystorePassword: 'pw' }), key);
    assert.throws(() => loadPrivateKey({ keystorePath, keystorePasswordFile: file('pw-666', 'pw', 0o666) }), /mode 0666/);
    assert.throws(() => loadPrivateKey({ keystorePath }), /needs a password/);
  });

  it('takes exactly one source and checks the key format', () => {
    assert.throws(() => loadPrivateKey({}), /exactly one.*got none/);
    assert.throws(() => loadPrivateKey({ privateKey: key, keyFile: '/x' }), /got keyFile, privateKey/);
    assert.throws(() => loadPrivateKey({ privateKey: '0x1234' }), /32-byte hex key/);
  });
});
