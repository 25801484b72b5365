// Unit tests of the devnet's INI config filling (deploy/lib/iniTemplate.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderIni, iniLiteral } from '../../deploy/lib/iniTemplate.mjs';

const template = `; one operator node in one process
[node]
rpc-url="http://127.0.0.1:8545"
actors=["watcher", "scheduler"]

[caller]
callers=2
`;

test('values are replaced in place and missing keys join their section', () => {
  const text = renderIni(template, {
    node: { 'rpc-url': 'http://127.0.0.1:9999', 'store-dir': '/tmp/x' },
    caller: { callers: 4 },
    publish: { 'publish-prover-port': 4251 },
  });
  assert.equal(text, `; one operator node in one process
[node]
rpc-url="http://127.0.0.1:9999"
actors=["watcher", "scheduler"]
store-dir="/tmp/x"

[caller]
callers=4

[publish]
publish-prover-port=4251
`);
});

test('literals in CAF syntax', () => {
  assert.equal(iniLiteral(['http://a', 'http://b']), '["http://a", "http://b"]');
  assert.equal(iniLiteral('a "quoted" path'), '"a \\"quoted\\" path"');
  assert.equal(iniLiteral(true), 'true');
  assert.throws(() => iniLiteral({}), /cannot write object/);
});
