// The devnet's chain on the REAL EigenLayer core (deploy/devnet.sh --core real): the core and
// the AVS from deploy/lib/realcore.mjs, then each operator joins the way a real one does, with
// automator-cli register-operator (deposit of the core's test token, allocation, the allocation
// delay, registration for the set). Steps already done are skipped, so a restart that resumes
// the saved chain only checks them.
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { privateKeyToAddress } from 'viem/accounts';
import { waitForOperators } from './devchain.mjs';
import { cliBinary, startRealCoreChain } from './realcore.mjs';

const execFileAsync = promisify(execFile);

/** Blocks between an operator's allocation and its becoming slashable on the devnet. */
const ALLOCATION_DELAY = 2;

/** Same options and result as devchain's startDevchain with a stateDir (chainDir). */
export async function startRealCoreDevchain({ chainDir, print, port, blockTime, params, operatorKeys, proxySignerAddresses }) {
  const chain = await startRealCoreChain({
    port, blockTime, params, stateDir: chainDir, proxySignerAddresses, print,
    fundAddresses: operatorKeys.map((key) => privateKeyToAddress(key)),
  });
  if (!existsSync(cliBinary())) {
    print(`automator-cli not built (${cliBinary()} is missing): the operators are not registered`);
    return chain;
  }
  const deploymentPath = join(chainDir, 'deployment.json');
  const registered = [];
  for (const [i, key] of operatorKeys.entries()) {
    const keyFile = join(chainDir, `operator-${i + 1}.key`);
    writeFileSync(keyFile, key + '\n', { mode: 0o600 });
    try {
      const { stdout } = await execFileAsync(cliBinary(), ['register-operator', '--rpc', chain.rpcUrl, '--deployment', deploymentPath,
        '--key-file', keyFile, '--allocation-delay', String(ALLOCATION_DELAY)]);
      for (const line of stdout.trimEnd().split('\n')) print(`automator-cli: ${line}`);
      registered.push(privateKeyToAddress(key));
    } catch (e) {
      print(`WARNING: automator-cli register-operator failed for operator ${i + 1}: ${`${e.stdout ?? ''}${e.stderr ?? e.message}`.trim()}`);
    }
  }
  chain.deployment.operators = registered;
  writeFileSync(deploymentPath, JSON.stringify(chain.deployment, null, 2) + '\n');
  await waitForOperators(chain.rpcUrl, chain.deployment, blockTime);
  return chain;
}
