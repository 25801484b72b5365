// Loads the contract ABIs the portal bundles, from forge's build output (contracts/out). The
// full FleekAutomator artifact is preferred because it also decodes errors of inherited bases;
// the interface artifact, which holds the fixed ABI, is the fallback.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const OUT = fileURLToPath(new URL('../contracts/out/', import.meta.url));

function artifactAbi(...candidates) {
  for (const rel of candidates) {
    const path = join(OUT, rel);
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')).abi;
  }
  throw new Error(`missing ${candidates.join(' or ')} in ${OUT}: build the contracts first (cd contracts && forge build)`);
}

/** {automatorAbi, allocationManagerAbi} from contracts/out. */
export function loadAbis() {
  return {
    automatorAbi: artifactAbi('FleekAutomator.sol/FleekAutomator.json', 'IFleekAutomator.sol/IFleekAutomator.json'),
    allocationManagerAbi: artifactAbi('IAllocationManager.sol/IAllocationManager.json'),
  };
}
