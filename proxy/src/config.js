// The proxy's configuration: defaults, validation with errors that name the bad setting, and
// the mapping from environment variables (Fleek secrets/env or a shell) to settings.

import { getAddress, isAddress } from 'viem';

/** Settings a deployment may leave out. Timeouts stay well inside Fleek's 15 s limit. */
export const defaults = Object.freeze({
  allowLoopback: false,
  allowPrivate: false,
  requireTargetOptIn: false,
  targetTimeoutMs: 8_000,
  rpcTimeoutMs: 2_000,
  maxRequestBytes: 4_096,
  maxResponseBytes: 1_048_576,
  taskCacheMs: 2_000,
  signerCheckMs: 30_000,
  dnsServers: [],
});

const limits = {
  targetTimeoutMs: [100, 12_000],
  rpcTimeoutMs: [100, 3_000], // at most four reads in a row must fit in Fleek's 15 s
  maxRequestBytes: [256, 65_536],
  maxResponseBytes: [1, 16 * 1_048_576],
  taskCacheMs: [0, 60_000],
  signerCheckMs: [0, 600_000],
};

/**
 * @typedef {object} ProxyConfig
 * @property {number} chainId chain of the AVS contracts this proxy serves
 * @property {string} rpcUrl JSON-RPC endpoint of that chain
 * @property {string[]} contracts checksummed AVS contract addresses it serves
 * @property {boolean} allowLoopback let targets resolve to 127.0.0.0/8 and ::1 (devnet only)
 * @property {boolean} allowPrivate let targets resolve to private ranges (closed networks only)
 * @property {boolean} requireTargetOptIn call a target only if its origin publishes that it accepts this AVS (targetOptIn.js)
 * @property {number} targetTimeoutMs whole target call, connect to last body byte
 * @property {number} rpcTimeoutMs one JSON-RPC call
 * @property {number} maxRequestBytes cap on the hit request body
 * @property {number} maxResponseBytes cap on the target response body that is read and hashed
 * @property {number} taskCacheMs how long a read task (its cancelled flag) is trusted
 * @property {number} signerCheckMs how long "this proxy's key is a registered signer" is trusted
 * @property {string[]} dnsServers resolvers for target names ("host" or "host:port"); empty: the system's
 */

/**
 * Fills in defaults and checks every setting.
 * @param {Partial<ProxyConfig>} options
 * @returns {ProxyConfig}
 */
export function buildConfig(options) {
  const config = { ...defaults, ...dropUndefined(options) };
  if (!Number.isSafeInteger(config.chainId) || config.chainId <= 0) {
    throw new Error(`config: chainId must be a positive integer, got ${options.chainId}`);
  }
  if (typeof config.rpcUrl !== 'string' || !/^https?:\/\//.test(config.rpcUrl)) {
    throw new Error(`config: rpcUrl must be an http(s) URL, got ${options.rpcUrl}`);
  }
  if (!Array.isArray(config.contracts) || config.contracts.length === 0) {
    throw new Error('config: contracts must list at least one AVS contract address');
  }
  for (const address of config.contracts) {
    if (!isAddress(address, { strict: false })) throw new Error(`config: contract address ${address} is not an address`);
  }
  config.contracts = config.contracts.map((address) => getAddress(address));
  for (const [name, [min, max]] of Object.entries(limits)) {
    const value = config[name];
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new Error(`config: ${name} must be an integer in [${min}, ${max}], got ${value}`);
    }
  }
  return Object.freeze(config);
}

/**
 * Reads the settings from environment variables (see proxy/README.md for the list).
 * @param {Record<string, string | undefined>} env
 * @returns {ProxyConfig}
 */
export function configFromEnv(env) {
  const int = (name) => (env[name] === undefined || env[name] === '' ? undefined : Number(env[name]));
  const flag = (name) => (env[name] === undefined ? undefined : ['1', 'true', 'yes'].includes(env[name].toLowerCase()));
  const list = (name) => (env[name] ? env[name].split(',').map((item) => item.trim()).filter(Boolean) : undefined);
  return buildConfig({
    chainId: int('AUTOMATOR_CHAIN_ID'),
    rpcUrl: env.AUTOMATOR_RPC_URL,
    contracts: list('AUTOMATOR_CONTRACTS'),
    allowLoopback: flag('AUTOMATOR_ALLOW_LOOPBACK'),
    allowPrivate: flag('AUTOMATOR_ALLOW_PRIVATE'),
    requireTargetOptIn: flag('AUTOMATOR_REQUIRE_TARGET_OPT_IN'),
    targetTimeoutMs: int('AUTOMATOR_TARGET_TIMEOUT_MS'),
    rpcTimeoutMs: int('AUTOMATOR_RPC_TIMEOUT_MS'),
    maxRequestBytes: int('AUTOMATOR_MAX_REQUEST_BYTES'),
    maxResponseBytes: int('AUTOMATOR_MAX_RESPONSE_BYTES'),
    taskCacheMs: int('AUTOMATOR_TASK_CACHE_MS'),
    signerCheckMs: int('AUTOMATOR_SIGNER_CHECK_MS'),
    dnsServers: list('AUTOMATOR_DNS_SERVERS'),
  });
}

function dropUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
