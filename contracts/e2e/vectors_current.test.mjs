// The cross-language vectors and the node's list of AVS errors follow the contracts: regenerating
// them from the compiled ABI (tests/vectors/generate_eth_vectors.mjs --check) must change nothing,
// so an event or error added to the contracts cannot be missing from the C++ node's decoders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { ROOT } from '../../deploy/lib/devchain.mjs';

test('eth_vectors.json and node_core/eth/avs_errors.inc match the compiled contracts', { timeout: 300_000 }, async () => {
  const result = await promisify(execFile)(process.execPath, [join(ROOT, 'tests', 'vectors', 'generate_eth_vectors.mjs'), '--check'], { cwd: ROOT })
    .catch((e) => e);
  assert.equal(result.code ?? 0, 0, `${result.stderr ?? ''}${result.stdout ?? ''}`);
});
