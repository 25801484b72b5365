// Links to a block explorer: Etherscan on the public chains the project deploys to, a configured
// explorer when given, and the portal's own transaction view on a devnet.

/** Etherscan hosts of the public chains, by chain id. */
export const KNOWN_EXPLORERS = {
  1: 'https://etherscan.io',
  17000: 'https://holesky.etherscan.io',
  560048: 'https://hoodi.etherscan.io',
  11155111: 'https://sepolia.etherscan.io',
};

/** Base URL of the explorer for this config, or null when the portal shows transactions itself. */
export function explorerBase(config) {
  const base = config.explorerUrl ?? KNOWN_EXPLORERS[config.chainId] ?? null;
  return base ? base.replace(/\/+$/, '') : null;
}

/** {href, external} for a transaction hash. */
export function txLink(config, hash) {
  const base = explorerBase(config);
  return base ? { href: `${base}/tx/${hash}`, external: true } : { href: `#/tx/${hash}`, external: false };
}

/** {href, external} for an address, or null on a devnet without an explorer. */
export function addressLink(config, address) {
  const base = explorerBase(config);
  return base ? { href: `${base}/address/${address}`, external: true } : null;
}
