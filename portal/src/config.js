// Checks the portal's configuration (served as /config.json): which chain and contracts to talk
// to, where its RPC is, which explorer to link, and on a devnet an optional funded dev key.

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const KEY = /^0x[0-9a-fA-F]{64}$/;

/**
 * Validates a parsed config; throws an Error naming every bad field.
 * @returns the config with defaults filled in.
 */
export function checkConfig(raw) {
  const problems = [];
  const c = raw && typeof raw === 'object' ? raw : {};
  if (!Number.isInteger(c.chainId) || c.chainId <= 0) problems.push('chainId must be a positive integer');
  if (typeof c.rpcUrl !== 'string' || c.rpcUrl === '') problems.push('rpcUrl is required');
  if (!ADDRESS.test(c.automator ?? '')) problems.push('automator must be a 0x-prefixed 20-byte address');
  for (const field of ['allocationManager', 'strategy']) {
    if (c[field] != null && !ADDRESS.test(c[field])) problems.push(`${field} must be an address`);
  }
  if (c.deployBlock != null && !(Number.isInteger(c.deployBlock) && c.deployBlock >= 0)) {
    problems.push('deployBlock must be a block number');
  }
  if (c.devAccountKey != null && !KEY.test(c.devAccountKey)) problems.push('devAccountKey must be a 32-byte hex key');
  if (c.explorerUrl != null && !/^https?:\/\//.test(c.explorerUrl)) problems.push('explorerUrl must be an http(s) URL');
  if (problems.length) throw new Error(`portal config: ${problems.join('; ')}`);
  return {
    chainName: c.chainId === 31337 ? 'Devnet (anvil)' : `Chain ${c.chainId}`,
    operatorSetId: 0,
    deployBlock: 0,
    operators: [],
    pollMs: 1000,
    ...c,
  };
}
