// Local chain for tests and the devnet: starts anvil, deploys the AVS with the EigenLayer core
// stand-in (contracts/script/DeployDevnet.s.sol) and hands back the deployment.
//
// Library:
//   import { startDevchain, ANVIL_KEYS, ANVIL_ADDRESSES, loadAutomatorAbi } from '../deploy/lib/devchain.mjs';
//   const chain = await startDevchain({
//     operatorKeys: [ANVIL_KEYS[1], ANVIL_KEYS[2]],   // registered, staked, allocated operators
//     proxySignerAddresses: [ANVIL_ADDRESSES[9]],     // proxy signers added to the AVS
//     port,            // default: a free port
//     blockTime,       // seconds; default: a block per transaction (automine)
//     stateDir,        // keeps anvil's state and deployment.json there; a second start with the
//                      // same stateDir reloads the chain instead of deploying again
//     params: { epochLength: 1, activationDelay: 1 }, // protocol parameter overrides (DeployBase.sol)
//     waitForOperators: true, // resolve only once operatorsAt(now) holds the operators
//   });
//   chain.rpcUrl; chain.deployment; // {chainId, automator, allocationManager, delegationManager,
//                                   //  strategy, operatorSetId, deployBlock, proxySigners, operators}
//   await chain.stop();
//
// Operators join the set at the first epoch boundary `activationDelay` after deployment (up to
// 15 s with the devnet defaults epochLength 10, activationDelay 5); pass smaller params in tests.
//
// CLI (for the C++ tests and the devnet script):
//   node deploy/lib/devchain.mjs [--port 8545] [--operators 3] [--proxy-signers addr,addr]
//        [--block-time 1] [--state-dir dir] [--keep]
// prints {"rpcUrl", "deploymentPath", "deployment"} as one JSON line; writes the deployment to
// deploy/out/deployment-<chainId>.json (or <state-dir>/deployment.json); with --keep, anvil runs
// until SIGINT/SIGTERM. Defaults: operators = anvil accounts 1..N, proxy signer = account 9.
import { spawn, execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createPublicClient, http } from 'viem';
import { ANVIL, FORGE, withFoundryPath } from './foundry.mjs';

const execFileAsync = promisify(execFile);

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CONTRACTS_DIR = join(ROOT, 'contracts');

/** Path of the AVS contract's forge artifact (its `abi` field is the ABI). */
export const AUTOMATOR_ARTIFACT = join(CONTRACTS_DIR, 'out', 'FleekAutomator.sol', 'FleekAutomator.json');

/** The AVS contract's ABI (IFleekAutomator plus the implementation's extra views and errors). */
export function loadAutomatorAbi() {
  return JSON.parse(readFileSync(AUTOMATOR_ARTIFACT, 'utf8')).abi;
}

/** Private keys of anvil's default mnemonic ("test test ... junk"), accounts 0..9. Account 0 deploys. */
export const ANVIL_KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
  '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
  '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356',
  '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97',
  '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6',
];
/** Addresses of {@link ANVIL_KEYS}, same order. */
export const ANVIL_ADDRESSES = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
  '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
  '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
  '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function freePort() {
  const server = createServer();
  await new Promise((res, rej) => server.listen(0, '127.0.0.1', res).on('error', rej));
  const { port } = server.address();
  await new Promise((res) => server.close(res));
  return port;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// forge rewrites only the artifacts whose sources changed, so compare with the newest artifact.
function buildIsStale() {
  if (!existsSync(AUTOMATOR_ARTIFACT)) return true;
  const built = newestMtime(join(CONTRACTS_DIR, 'out'));
  return ['src', 'script'].some((d) => newestMtime(join(CONTRACTS_DIR, d)) > built);
}

// Several test processes may start chains at once; one `forge build` at a time (mkdir is atomic).
export async function ensureContractsBuilt() {
  if (!buildIsStale()) return;
  const lock = join(CONTRACTS_DIR, 'cache', 'devchain-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`devchain: timed out waiting for the forge build lock ${lock}`);
      await sleep(500);
    }
  }
  try {
    if (buildIsStale()) await run(FORGE, ['build'], {});
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function run(cmd, args, env) {
  try {
    return await execFileAsync(cmd, args, {
      cwd: CONTRACTS_DIR,
      env: { ...withFoundryPath(), ...env },
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    const out = `${e.stdout ?? ''}\n${e.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`devchain: ${cmd.split('/').pop()} ${args[0]} failed:\n${out}`);
  }
}

async function waitForRpc(rpcUrl, anvil) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (anvil.exitCode !== null) throw new Error(`devchain: anvil exited (code ${anvil.exitCode}): ${anvil.stderrText}`);
    try {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`devchain: anvil did not answer on ${rpcUrl} within 30 s`);
}

export function upperSnake(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

async function deploy({ rpcUrl, port, operatorKeys, proxySignerAddresses, params }) {
  const tmpOut = join(CONTRACTS_DIR, 'cache', 'devchain', `deployment-${port}-${process.pid}.json`);
  mkdirSync(dirname(tmpOut), { recursive: true });
  const env = {
    DEPLOYMENT_OUT: tmpOut,
    OPERATOR_KEYS: operatorKeys.join(','),
    PROXY_SIGNERS: proxySignerAddresses.join(','),
  };
  for (const [k, v] of Object.entries(params)) env[upperSnake(k)] = String(v);
  // forge estimates every transaction against its simulation at one timestamp; an operator
  // registration mined after an epoch boundary writes a new set entry and needs more gas.
  await run(FORGE, ['script', 'script/DeployDevnet.s.sol', '--broadcast', '--rpc-url', rpcUrl, '--private-key', ANVIL_KEYS[0],
    '--gas-estimate-multiplier', '300'], env);
  const deployment = JSON.parse(readFileSync(tmpOut, 'utf8'));
  rmSync(tmpOut, { force: true });
  return deployment;
}

// Operators registered at deploy time join at a future epoch boundary; wait for it in real time
// (the chain's clock follows the wall clock), mining a block so block.timestamp gets there too.
export async function waitForOperators(rpcUrl, deployment, blockTime) {
  if (deployment.operators.length === 0) return;
  const client = createPublicClient({ transport: http(rpcUrl) });
  const abi = loadAutomatorAbi();
  const history = await client.readContract({ address: deployment.automator, abi, functionName: 'operatorSetHistory' });
  const effectiveFrom = Number(history.at(-1).effectiveFrom);
  const giveUpAt = Math.max(Date.now(), effectiveFrom * 1000) + 60_000;
  for (;;) {
    if (Date.now() > giveUpAt) throw new Error(`devchain: operators not active by ${effectiveFrom} (the scheduled epoch boundary) + 60 s`);
    const wait = effectiveFrom * 1000 - Date.now();
    if (wait > 0) await sleep(Math.min(wait + 50, 1000));
    if (!blockTime) await client.request({ method: 'evm_mine', params: [] });
    else await sleep(blockTime * 1000);
    const block = await client.getBlock();
    if (Number(block.timestamp) < effectiveFrom) continue;
    const active = await client.readContract({ address: deployment.automator, abi, functionName: 'operatorsAt', args: [block.timestamp] });
    if (active.length > 0) return;
  }
}

/**
 * Starts anvil on 127.0.0.1 (`port`, default a free one; a block every `blockTime` s, default
 * automine; its state kept in `statePath` if given) and resolves once it answers:
 * {rpcUrl, anvil, stop()}.
 */
export async function startAnvil({ port, blockTime, statePath } = {}) {
  port ??= await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const args = ['--host', '127.0.0.1', '--port', String(port), '--silent'];
  if (blockTime) args.push('--block-time', String(blockTime));
  if (statePath) args.push('--state', statePath);
  const anvil = spawn(ANVIL, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  anvil.stderrText = '';
  anvil.stderr.on('data', (d) => {
    anvil.stderrText += d;
  });
  const exited = new Promise((res) => anvil.once('exit', res));
  const stop = async () => {
    if (anvil.exitCode === null && anvil.signalCode === null) {
      anvil.kill('SIGTERM');
      await exited;
    }
  };
  try {
    await waitForRpc(rpcUrl, anvil);
  } catch (e) {
    await stop();
    throw e;
  }
  return { rpcUrl, anvil, stop };
}

/** For a CLI's --keep: stops the chain and exits on SIGINT/SIGTERM, exits when anvil does. */
export function keepUntilSignalled(chain) {
  const shutdown = () => chain.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  chain.anvil.once('exit', (code) => process.exit(code ?? 1));
}

/**
 * Starts anvil, deploys the contracts and resolves to {rpcUrl, deployment, anvil, stop()}.
 * See the header of this file for the options.
 */
export async function startDevchain({
  port,
  operatorKeys = [],
  proxySignerAddresses = [],
  blockTime,
  stateDir,
  params = {},
  waitForOperators: shouldWait = true,
} = {}) {
  await ensureContractsBuilt();
  let statePath;
  let savedDeployment;
  if (stateDir) {
    mkdirSync(stateDir, { recursive: true });
    statePath = join(stateDir, 'anvil-state.json');
    savedDeployment = join(stateDir, 'deployment.json');
  }
  const { rpcUrl, anvil, stop } = await startAnvil({ port, blockTime, statePath });
  try {
    let deployment;
    if (savedDeployment && existsSync(savedDeployment) && existsSync(statePath)) {
      deployment = JSON.parse(readFileSync(savedDeployment, 'utf8'));
    } else {
      deployment = await deploy({ rpcUrl, port, operatorKeys, proxySignerAddresses, params });
      if (savedDeployment) writeFileSync(savedDeployment, JSON.stringify(deployment, null, 2) + '\n');
    }
    if (shouldWait) await waitForOperators(rpcUrl, deployment, blockTime);
    return { rpcUrl, deployment, anvil, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function parseCli(argv) {
  const opts = { operators: 3, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`devchain: ${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--port') opts.port = Number(value());
    else if (flag === '--operators') opts.operators = Number(value());
    else if (flag === '--proxy-signers') opts.proxySigners = value().split(',').filter(Boolean);
    else if (flag === '--block-time') opts.blockTime = Number(value());
    else if (flag === '--state-dir') opts.stateDir = resolve(value());
    else if (flag === '--keep') opts.keep = true;
    else throw new Error(`devchain: unknown option ${flag} (see the header of deploy/lib/devchain.mjs)`);
  }
  if (!(opts.operators >= 0 && opts.operators <= 8)) throw new Error('devchain: --operators must be 0..8 (anvil accounts 1..8)');
  return opts;
}

async function main() {
  const opts = parseCli(process.argv.slice(2));
  const chain = await startDevchain({
    port: opts.port,
    operatorKeys: ANVIL_KEYS.slice(1, 1 + opts.operators),
    proxySignerAddresses: opts.proxySigners ?? [ANVIL_ADDRESSES[9]],
    blockTime: opts.blockTime,
    stateDir: opts.stateDir,
  });
  const deploymentPath = opts.stateDir ? join(opts.stateDir, 'deployment.json') : join(ROOT, 'deploy', 'out', `deployment-${chain.deployment.chainId}.json`);
  if (!opts.stateDir) {
    mkdirSync(dirname(deploymentPath), { recursive: true });
    writeFileSync(deploymentPath, JSON.stringify(chain.deployment, null, 2) + '\n');
  }
  console.log(JSON.stringify({ rpcUrl: chain.rpcUrl, deploymentPath, deployment: chain.deployment }));
  if (!opts.keep) return chain.stop();
  keepUntilSignalled(chain);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
