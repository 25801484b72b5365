// Local chain on the REAL EigenLayer core (v1.12.0, a pinned test dependency that is never copied
// into the repository): starts anvil, deploys the core with EigenLayer's own local deploy script
// (script/deploy/local/deploy_from_scratch.slashing.s.sol), applies the two fixes that script
// needs (shared/vendor/README.md), mines past the core's MIN_WITHDRAWAL_DELAY_BLOCKS (a slash
// reverts on a younger chain), then deploys the AVS against it with
// contracts/script/DeployPublic.s.sol. Operators join with automator-cli register-operator.
//
// Library:
//   import { startRealCoreChain } from '../deploy/lib/realcore.mjs';
//   const chain = await startRealCoreChain({ proxySignerAddresses: [ANVIL_ADDRESSES[9]],
//     fundAddresses: [...], blockTime, port, params: { epochLength: 2 }, stateDir });
//   chain.rpcUrl; chain.deployment; // same shape as devchain's (plus strategyManager, token)
//   chain.core;                     // every address EigenLayer's deploy script wrote
//   await chain.stop();
//
// The core's sources: $EIGENLAYER_CONTRACTS_DIR, else <repo>/../shared/vendor/eigenlayer-contracts.
// Its build (forge out/cache/broadcast) lives in build/eigenlayer-core/<commit>/, generated from
// the vendor's sources by absolute path, so a clean checkout compiles it once (60–110 s on 2
// idle cores, about 165 s on busy ones) and later runs reuse it. Its OpenZeppelin 4.9.0 comes from the npm aliases
// @openzeppelin-v4/* (package.json).
//
// CLI: node deploy/lib/realcore.mjs [--port 8545] [--block-time 1] [--build-only] [--keep]
//   funds anvil accounts 1..8 with the strategy's test token, writes the deployment to
//   deploy/out/deployment-<chainId>.json and prints {"rpcUrl", "deploymentPath", "deployment",
//   "core"} as one JSON line; with --keep, anvil runs until SIGINT/SIGTERM.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createPublicClient, createWalletClient, http, parseAbi } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { FORGE, withFoundryPath } from './foundry.mjs';
import { ANVIL_ADDRESSES, ANVIL_KEYS, CONTRACTS_DIR, ROOT, ensureContractsBuilt, keepUntilSignalled, startAnvil, upperSnake, waitForOperators } from './devchain.mjs';

const execFileAsync = promisify(execFile);

/** automator-cli: AUTOMATOR_CLI_BIN, else <AUTOMATOR_BUILD_DIR, default build/>/cli/automator-cli. */
export const cliBinary = () =>
  process.env.AUTOMATOR_CLI_BIN ?? join(process.env.AUTOMATOR_BUILD_DIR ?? join(ROOT, 'build'), 'cli', 'automator-cli');

/** The core commit the project is tested against (shared/vendor/README.md). */
export const CORE_COMMIT = 'f84a5151080cdf0b77b9b6e46506cde723d06c28';
const CORE_CONFIG = 'local/deploy_from_scratch.slashing.anvil.config.json';
const CORE_SCRIPT = 'script/deploy/local/deploy_from_scratch.slashing.s.sol';

/** Where the core's sources are, or an Error saying how to get them. */
export function coreSourceDir() {
  const candidates = process.env.EIGENLAYER_CONTRACTS_DIR
    ? [resolve(process.env.EIGENLAYER_CONTRACTS_DIR)]
    : [resolve(ROOT, '..', 'shared', 'vendor', 'eigenlayer-contracts')];
  const dir = candidates.find((d) => existsSync(join(d, CORE_SCRIPT)));
  if (dir) return dir;
  throw new Error(
    `realcore: the EigenLayer core sources are not at ${candidates[0]}${process.env.EIGENLAYER_CONTRACTS_DIR ? ' ($EIGENLAYER_CONTRACTS_DIR)' : ''}.\n` +
      'Get the pinned commit and point EIGENLAYER_CONTRACTS_DIR at it:\n' +
      '  git clone https://github.com/Layr-Labs/eigenlayer-contracts\n' +
      `  git -C eigenlayer-contracts checkout ${CORE_COMMIT}\n` +
      '  git -C eigenlayer-contracts submodule update --init lib/forge-std   # its OpenZeppelin comes from npm\n' +
      '  export EIGENLAYER_CONTRACTS_DIR=$PWD/eigenlayer-contracts',
  );
}

// The commit of a git checkout; the vendored copy has no .git and is the pinned commit.
async function coreCommit(src) {
  if (!existsSync(join(src, '.git'))) return CORE_COMMIT;
  const { stdout } = await execFileAsync('git', ['-C', src, 'rev-parse', 'HEAD']);
  return stdout.trim();
}

const toml = (s) => JSON.stringify(s);

// A forge project in build/ whose sources are the vendor's, by absolute path: forge's out,
// cache and broadcast, and the script's own output file, land here; the vendor stays untouched.
function writeBuildProject(buildDir, src) {
  const oz = join(ROOT, 'node_modules', '@openzeppelin-v4');
  for (const pkg of ['contracts', 'contracts-upgradeable']) {
    if (!existsSync(join(oz, pkg, 'package.json')))
      throw new Error(`realcore: ${join(oz, pkg)} is missing: run npm ci (package.json's @openzeppelin-v4 aliases)`);
  }
  mkdirSync(join(buildDir, 'empty-test'), { recursive: true });
  mkdirSync(join(buildDir, 'script', 'output', 'devnet'), { recursive: true });
  // The deploy script reads script/configs/<name> relative to the project root.
  const configs = join(buildDir, 'script', 'configs');
  rmSync(configs, { force: true });
  symlinkSync(join(src, 'script', 'configs'), configs);
  writeFileSync(
    join(buildDir, 'foundry.toml'),
    `# Generated by deploy/lib/realcore.mjs: builds the EigenLayer core at ${src} (read only) here.
[profile.default]
src = ${toml(join(src, 'src', 'contracts'))}
test = "empty-test"
script = ${toml(join(src, 'script', 'deploy', 'local'))}
out = "out"
cache_path = "cache"
broadcast = "broadcast"
libs = [${toml(join(src, 'lib'))}]
allow_paths = [${toml(src)}, ${toml(oz)}]
remappings = [
  ${toml(`@openzeppelin/contracts/=${join(oz, 'contracts')}/`)},
  ${toml(`@openzeppelin-upgrades/contracts/=${join(oz, 'contracts-upgradeable')}/`)},
  ${toml(`forge-std/=${join(src, 'lib', 'forge-std', 'src')}/`)},
]
solc = ${toml(join(CONTRACTS_DIR, 'tools', 'solc'))}
offline = true
auto_detect_solc = false
optimizer = true
optimizer_runs = 200
sparse_mode = true
fs_permissions = [{ access = "read", path = ${toml(src)} }, { access = "read-write", path = "./" }]
`,
  );
}

async function forge(buildDir, args, timeout = 0) {
  try {
    return await execFileAsync(FORGE, args, { cwd: buildDir, env: withFoundryPath(), maxBuffer: 64 << 20, timeout, killSignal: 'SIGKILL' });
  } catch (e) {
    const out = `${e.stdout ?? ''}\n${e.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`realcore: forge ${args[0]} (in ${buildDir}) failed:\n${out}`);
  }
}

/** Compiles the core once per commit into build/eigenlayer-core/<commit>/ and returns that dir. */
export async function buildCore({ print = () => {} } = {}) {
  const src = coreSourceDir();
  const buildDir = join(ROOT, 'build', 'eigenlayer-core', await coreCommit(src));
  mkdirSync(buildDir, { recursive: true });
  // Under the deploy lock: a concurrent deploy reads the generated project, and two first
  // builds must not write one out/ together.
  await withLock(buildDir, async () => {
    writeBuildProject(buildDir, src);
    const cached = existsSync(join(buildDir, 'out', 'AllocationManager.sol', 'AllocationManager.json'));
    print(cached ? `EigenLayer core build cached in ${buildDir}` : `compiling the EigenLayer core from ${src} into ${buildDir} (60–110 s once)…`);
    await forge(buildDir, ['build', join(src, CORE_SCRIPT)]);
  });
  return buildDir;
}

// One build or deploy of the core at a time per build dir: the deploy script writes a fixed
// output file there.
// The lock names its holder's pid, so a lock left by a killed run is taken over.
function holderAlive(lock) {
  const pid = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }));
  if (!pid) return statSync(lock).mtimeMs > Date.now() - 10_000; // being created
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

async function withLock(dir, fn) {
  const lock = join(dir, 'deploy.lock');
  const deadline = Date.now() + 10 * 60_000; // a first compile may hold it for minutes
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (!holderAlive(lock)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`realcore: timed out waiting for ${lock} (held by a running deploy)`);
      else await new Promise((r) => setTimeout(r, 300));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const fixAbi = parseAbi([
  'function unpause(uint256 newPausedStatus)',
  'function paused() view returns (uint256)',
  'function addStrategiesToDepositWhitelist(address[] strategiesToWhitelist)',
  'function strategyIsWhitelistedForDeposit(address strategy) view returns (bool)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function minWithdrawalDelayBlocks() view returns (uint32)',
]);

/** Deploys the core with EigenLayer's local script and returns the addresses it wrote. */
async function deployCore({ buildDir, rpcUrl }) {
  const output = join(buildDir, 'script', 'output', 'devnet', 'SLASHING_deploy_from_scratch_deployment_data.json');
  const addresses = await withLock(buildDir, async () => {
    rmSync(output, { force: true });
    // --slow: one transaction at a time, each after the previous one's receipt (without it
    // forge now and then stopped after a dozen transactions and waited forever).
    await forge(buildDir, ['script', join(coreSourceDir(), CORE_SCRIPT), '--sig', 'run(string)', CORE_CONFIG,
      '--rpc-url', rpcUrl, '--private-key', ANVIL_KEYS[0], '--broadcast', '--slow'], 240_000);
    return JSON.parse(readFileSync(output, 'utf8')).addresses;
  });
  // The two fixes the local script needs (shared/vendor/README.md): it initializes
  // AllocationManager and DelegationManager with the owner's address as the pause bitmap, so
  // the unpauser (account 0) unpauses both; and its strategy is not deposit-whitelisted.
  const client = createPublicClient({ transport: http(rpcUrl) });
  const wallet = createWalletClient({ account: privateKeyToAccount(ANVIL_KEYS[0]), transport: http(rpcUrl) });
  const send = async (address, functionName, args) => {
    const hash = await wallet.writeContract({ address, abi: fixAbi, functionName, args, chain: null });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`realcore: ${functionName} on ${address} failed (${hash})`);
  };
  for (const name of ['allocationManager', 'delegationManager']) {
    if ((await client.readContract({ address: addresses[name], abi: fixAbi, functionName: 'paused' })) !== 0n) await send(addresses[name], 'unpause', [0n]);
  }
  await send(addresses.strategyManager, 'addStrategiesToDepositWhitelist', [[addresses.strategy]]);
  // DelegationManager.slashOperatorShares looks MIN_WITHDRAWAL_DELAY_BLOCKS back from the
  // current block (uint32 arithmetic): on a chain younger than that every slash reverts with an
  // arithmetic underflow. Public chains are far older; here the blocks are mined at once, at
  // the same timestamp.
  const delay = await client.readContract({ address: addresses.delegationManager, abi: fixAbi, functionName: 'minWithdrawalDelayBlocks' });
  const missing = BigInt(delay) + 2n - (await client.getBlockNumber());
  if (missing > 0n) await client.request({ method: 'anvil_mine', params: [`0x${missing.toString(16)}`, '0x0'] });
  return addresses;
}

/** Deploys the AVS against the core with contracts/script/DeployPublic.s.sol. */
async function deployAvs({ rpcUrl, core, proxySignerAddresses, params }) {
  await ensureContractsBuilt();
  const out = join(CONTRACTS_DIR, 'cache', 'realcore', `deployment-${process.pid}-${Date.now()}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const env = {
    ...withFoundryPath(),
    ALLOCATION_MANAGER: core.allocationManager,
    DELEGATION_MANAGER: core.delegationManager,
    STRATEGY: core.strategy,
    PROXY_SIGNERS: proxySignerAddresses.join(','),
    DEPLOYMENT_OUT: out,
  };
  for (const [k, v] of Object.entries(params)) env[upperSnake(k)] = String(v);
  try {
    await execFileAsync(FORGE, ['script', 'script/DeployPublic.s.sol', '--broadcast', '--rpc-url', rpcUrl, '--private-key', ANVIL_KEYS[0]],
      { cwd: CONTRACTS_DIR, env, maxBuffer: 64 << 20 });
  } catch (e) {
    const text = `${e.stdout ?? ''}\n${e.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`realcore: forge script DeployPublic.s.sol failed:\n${text}`);
  }
  const deployment = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  return { ...deployment, strategyManager: core.strategyManager, token: core.TestToken, core: 'eigenlayer' };
}

/** Test tokens (the strategy's underlying ERC20, all held by account 0) per funded address. */
export const FUND_AMOUNT = 1000n * 10n ** 18n;

async function fund({ rpcUrl, token, addresses }) {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const wallet = createWalletClient({ account: privateKeyToAccount(ANVIL_KEYS[0]), transport: http(rpcUrl) });
  for (const to of addresses) {
    const hash = await wallet.writeContract({ address: token, abi: fixAbi, functionName: 'transfer', args: [to, FUND_AMOUNT], chain: null });
    await client.waitForTransactionReceipt({ hash });
  }
}

/**
 * Starts anvil with the real core and the AVS; resolves to {rpcUrl, deployment, core, anvil, stop()}.
 * Options: port, blockTime (s; default automine), proxySignerAddresses, fundAddresses (get
 * FUND_AMOUNT test tokens each), params (DeployBase overrides), stateDir (anvil's state,
 * deployment.json and the core's addresses in core.json kept there; a second start reloads
 * them). Operators are not registered here: they join with automator-cli register-operator.
 */
export async function startRealCoreChain({ port, blockTime, proxySignerAddresses = [], fundAddresses = [], params = {}, stateDir, print = () => {} } = {}) {
  const buildDir = await buildCore({ print });
  let statePath;
  let saved;
  let savedCore;
  if (stateDir) {
    mkdirSync(stateDir, { recursive: true });
    statePath = join(stateDir, 'anvil-state.json');
    saved = join(stateDir, 'deployment.json'); // as devchain's, for the node, proxy and portal
    savedCore = join(stateDir, 'core.json');
  }
  // Deployed in automine (a block per transaction: seconds instead of a minute), then mined
  // every blockTime seconds.
  const { rpcUrl, anvil, stop } = await startAnvil({ port, statePath });
  const client = createPublicClient({ transport: http(rpcUrl) });
  const startMining = async () => {
    if (blockTime) await client.request({ method: 'evm_setIntervalMining', params: [blockTime] });
  };
  try {
    if (saved && existsSync(saved) && existsSync(savedCore) && existsSync(statePath)) {
      const deployment = JSON.parse(readFileSync(saved, 'utf8'));
      const core = JSON.parse(readFileSync(savedCore, 'utf8'));
      await startMining();
      return { rpcUrl, deployment, core, anvil, stop };
    }
    print('deploying the EigenLayer core (its own local deploy script)…');
    const core = await deployCore({ buildDir, rpcUrl });
    print('deploying the AVS against it (DeployPublic.s.sol)…');
    const deployment = await deployAvs({ rpcUrl, core, proxySignerAddresses, params });
    await fund({ rpcUrl, token: core.TestToken, addresses: fundAddresses });
    if (saved) {
      writeFileSync(saved, JSON.stringify(deployment, null, 2) + '\n');
      writeFileSync(savedCore, JSON.stringify(core, null, 2) + '\n');
    }
    await startMining();
    return { rpcUrl, deployment, core, anvil, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export { waitForOperators };

function parseCli(argv) {
  const opts = { keep: false, buildOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`realcore: ${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--port') opts.port = Number(value());
    else if (flag === '--block-time') opts.blockTime = Number(value());
    else if (flag === '--keep') opts.keep = true;
    else if (flag === '--build-only') opts.buildOnly = true;
    else throw new Error(`realcore: unknown option ${flag} (see the header of deploy/lib/realcore.mjs)`);
  }
  return opts;
}

async function main() {
  const opts = parseCli(process.argv.slice(2));
  const print = (line) => console.error(`[realcore] ${line}`);
  if (opts.buildOnly) return void (await buildCore({ print }));
  const chain = await startRealCoreChain({
    port: opts.port, blockTime: opts.blockTime, print,
    proxySignerAddresses: [ANVIL_ADDRESSES[9]], fundAddresses: ANVIL_ADDRESSES.slice(1, 9),
  });
  const deploymentPath = join(ROOT, 'deploy', 'out', `deployment-${chain.deployment.chainId}.json`);
  mkdirSync(dirname(deploymentPath), { recursive: true });
  writeFileSync(deploymentPath, JSON.stringify(chain.deployment, null, 2) + '\n');
  console.log(JSON.stringify({ rpcUrl: chain.rpcUrl, deploymentPath, deployment: chain.deployment, core: chain.core }));
  if (!opts.keep) return chain.stop();
  keepUntilSignalled(chain);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
