// The whole system on one machine: anvil with the contracts and the EigenLayer stand-in (or,
// with core: 'real', the real EigenLayer core: devnetRealCore.mjs), a proxy signer, the proxy's local runner, a sample target, the operator nodes and the portal, with
// all state in one folder so that a restart continues where it stopped. Used by deploy/devnet.sh
// (through devnet-main.mjs) and by the end-to-end test.
import { mkdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startDevchain, loadAutomatorAbi, ROOT } from './devchain.mjs';
import { startProcess, waitForHttp } from './processes.mjs';
import { followChain } from './chainLog.mjs';
import { proxySignerKey, ROLES } from './devnetKeys.mjs';
import { registerSampleTask } from './sampleTask.mjs';
import { startOperators, operatorBinary } from './operators.mjs';
import { startRealCoreDevchain } from './devnetRealCore.mjs';

export const DEFAULT_PORTS = { rpc: 8545, proxy: 8787, target: 8790, portal: 8080, operatorBase: 4250 };

async function ensureProxySigner({ rpcUrl, automator, abi, address, print }) {
  const client = createPublicClient({ transport: http(rpcUrl) });
  if (await client.readContract({ address: automator, abi, functionName: 'isProxySigner', args: [address] })) return;
  const account = privateKeyToAccount(ROLES.ownerKey);
  const wallet = createWalletClient({ account, transport: http(rpcUrl) });
  const hash = await wallet.writeContract({ address: automator, abi, functionName: 'addProxySigner', args: [address], chain: null });
  await client.waitForTransactionReceipt({ hash });
  print(`registered proxy signer ${address}`);
}

const DEPLOY_ATTEMPTS = 3;

/**
 * Protocol parameters of the devnet (the rest are DeployDevnet's defaults). An operator's
 * registration sometimes runs out of the gas forge estimated for it, and forge then stops
 * deploying; it happens far more often with the default 10 s epochs than with 30 s ones, and
 * startChain deploys again when it does. Operators start at the first epoch boundary after
 * deployment, so within about 30 s. failoverDelay is above a proof's way to a backup's eyes
 * (batch age 2 s + a 1 s block + 2 confirmations + a 1 s poll): with the default 4 s, backups
 * fired for a quarter of the slots.
 */
export const DEVNET_PARAMS = { epochLength: 30, activationDelay: 2, failoverDelay: 8 };

async function unregisteredOperators({ rpcUrl, deployment, abi }) {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const infos = await Promise.all(deployment.operators.map((operator) =>
    client.readContract({ address: deployment.automator, abi, functionName: 'operatorInfo', args: [operator] })));
  return deployment.operators.filter((_, i) => !infos[i].registered);
}

// The deploy script registers every operator, but a registration can still run out of gas (see
// DEVNET_PARAMS): a fresh deployment missing an operator is deployed again; a resumed one is
// reported.
async function startChain({ chainDir, print, core, ...options }) {
  // A state folder keeps the core it was made with (the real core's has core.json).
  const savedReal = existsSync(join(chainDir, 'core.json'));
  if (existsSync(join(chainDir, 'deployment.json')) && savedReal !== (core === 'real')) {
    throw new Error(`${chainDir} holds a chain on the ${savedReal ? 'real EigenLayer core' : 'stand-in'}: pass ${savedReal ? '--core real' : 'no --core'}, another --dir, or delete it`);
  }
  if (core === 'real') {
    print(existsSync(join(chainDir, 'deployment.json')) ? `resuming the chain saved in ${chainDir} (real EigenLayer core)`
      : 'starting anvil with the real EigenLayer core (v1.12.0) and the AVS…');
    return startRealCoreDevchain({ chainDir, print, ...options });
  }
  for (let attempt = 1; ; attempt++) {
    const resumed = existsSync(join(chainDir, 'deployment.json'));
    print(resumed ? `resuming the chain saved in ${chainDir}` : 'starting anvil and deploying the contracts with the EigenLayer stand-in…');
    const chain = await startDevchain({ ...options, stateDir: chainDir });
    const missing = await unregisteredOperators({ rpcUrl: chain.rpcUrl, deployment: chain.deployment, abi: loadAutomatorAbi() });
    if (missing.length === 0) return chain;
    if (resumed || attempt === DEPLOY_ATTEMPTS) {
      print(`WARNING: operator(s) ${missing.join(', ')} not registered with the AVS: their nodes get no slots (delete ${chainDir} to deploy again)`);
      return chain;
    }
    print(`operator(s) ${missing.join(', ')} did not get registered (a deploy transaction failed); deploying again`);
    await chain.stop();
    rmSync(chainDir, { recursive: true, force: true });
  }
}

/**
 * Starts the devnet.
 * @param opts {dir, ports, blockTime, params (protocol overrides for DeployDevnet), sampleTask,
 *   core ('stand-in', the default, or 'real': the real EigenLayer core from realcore.mjs),
 *   print(line), output (stream for the children's prefixed output)}
 * @returns {rpcUrl, portalUrl, targetUrl, proxyUrl, deployment, operators, sampleTaskId, stop()}
 */
export async function startDevnet({
  dir = join(ROOT, '.devnet'), ports = DEFAULT_PORTS, blockTime = 1, params = DEVNET_PARAMS, sampleTask = true, core = 'stand-in',
  print = (line) => console.log(`[devnet] ${line}`), output = process.stdout,
} = {}) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const processes = [];
  const stops = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await Promise.resolve().then(s).catch(() => {});
  };
  process.once('exit', () => {
    for (const p of processes) if (p.child.exitCode === null) try { process.kill(-p.child.pid, 'SIGKILL'); } catch { /* gone */ }
  });
  // Every process but the chain is supervised: one that exits by itself is said so in the live
  // output and started again (processes.mjs: restartDelayMs).
  const run = (name, command, args, options) => {
    const proc = startProcess(name, command, args, { output, supervise: true, print: (line) => print(`${name} ${line}`), ...options });
    processes.push(proc);
    stops.push(() => proc.stop());
    return proc;
  };

  try {
    const signer = proxySignerKey(dir);
    const chainDir = join(dir, 'chain');
    const chain = await startChain({
      chainDir, print, core, port: ports.rpc, blockTime, params, operatorKeys: ROLES.operatorKeys, proxySignerAddresses: [signer.address],
    });
    stops.push(() => chain.stop());
    const { deployment, rpcUrl } = chain;
    const abi = loadAutomatorAbi();
    print(`chain ${deployment.chainId} at ${rpcUrl}; FleekAutomator ${deployment.automator}`);
    await ensureProxySigner({ rpcUrl, automator: deployment.automator, abi, address: signer.address, print });
    stops.push(followChain({ rpcUrl, automator: deployment.automator, abi, print: (line) => print(`chain: ${line}`) }));

    const node = process.execPath;
    const target = run('target', node, [join(ROOT, 'deploy', 'sample_target.mjs'), '--port', String(ports.target)]);
    const targetUrl = `http://127.0.0.1:${ports.target}/tick`;
    await waitForHttp(target, `http://127.0.0.1:${ports.target}/health`);

    const proxy = run('proxy', node, [join(ROOT, 'proxy', 'serve.js'), '--deployment', join(chainDir, 'deployment.json'),
      '--rpc-url', rpcUrl, '--key-file', signer.path, '--allow-loopback', '--port', String(ports.proxy), '--host', '127.0.0.1']);
    const proxyUrl = `http://127.0.0.1:${ports.proxy}/`;
    await waitForHttp(proxy, proxyUrl);

    let operators = [];
    if (existsSync(operatorBinary())) {
      operators = await startOperators({
        dir, rpcUrl, deploymentPath: join(chainDir, 'deployment.json'), proxyUrl, basePort: ports.operatorBase, run, print,
      });
    } else {
      print(`operator node not built (${operatorBinary()} is missing): running without operators`);
    }

    const portalConfig = join(dir, 'portal-config.json');
    writeFileSync(portalConfig, JSON.stringify({ ...deployment, rpcUrl, devAccountKey: ROLES.userKey }, null, 2) + '\n', { mode: 0o600 });
    const portal = run('portal', node, [join(ROOT, 'portal', 'serve.mjs'), '--config', portalConfig, '--port', String(ports.portal)]);
    const portalUrl = `http://127.0.0.1:${ports.portal}/`;
    await waitForHttp(portal, portalUrl);

    let sampleTaskId = null;
    if (sampleTask) {
      sampleTaskId = await registerSampleTask({ rpcUrl, automator: deployment.automator, abi, ownerKey: ROLES.userKey, url: targetUrl });
      print(`registered sample task #${sampleTaskId}: GET ${targetUrl} every 2 s for 2 minutes`);
    }
    return { rpcUrl, portalUrl, targetUrl, proxyUrl, deployment, operators, sampleTaskId, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
