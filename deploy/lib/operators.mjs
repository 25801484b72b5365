// The devnet's three operator nodes (build/actors/automator-operator), one per operator account
// (anvil accounts 1..3). The first is split over two processes as config/split-*.ini describe
// (HTTP callers without the key; watcher, scheduler, prover and submitter with it), the others
// run config/single-process.ini. Each node's config is filled in from its template into the
// state folder, next to its key file (mode 0600) and its store, so a restart continues.
import { mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { privateKeyToAddress } from 'viem/accounts';
import { ROOT } from './devchain.mjs';
import { renderIni } from './iniTemplate.mjs';
import { waitForHttp } from './processes.mjs';
import { ROLES } from './devnetKeys.mjs';

/** The node binary: build/actors/automator-operator, or AUTOMATOR_OPERATOR_BIN for one built elsewhere. */
export const operatorBinary = () => process.env.AUTOMATOR_OPERATOR_BIN ?? join(ROOT, 'build', 'actors', 'automator-operator');

function writeConfig(nodeDir, name, template, overrides) {
  const path = join(nodeDir, `${name}.ini`);
  writeFileSync(path, renderIni(readFileSync(join(ROOT, 'config', template), 'utf8'), overrides));
  return path;
}

function writeKey(nodeDir, key) {
  const path = join(nodeDir, 'operator.key');
  writeFileSync(path, key, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

/** Config files of one node: [{name, path, metricsPort}] for each of its processes. */
function nodeConfigs({ index, nodeDir, key, address, rpcUrl, deploymentPath, proxyUrl, basePort }) {
  const port = (offset) => basePort + 10 * index + offset;
  const common = { deployment: deploymentPath, 'log-level': 'info' };
  const withKey = { ...common, 'rpc-url': rpcUrl, 'key-file': writeKey(nodeDir, key), store: join(nodeDir, 'store') };
  const middleman = { 'app-identifier': `fleek-automator-devnet-${address}` };
  if (index === 0) {
    return [
      { name: 'submitter', metricsPort: port(0), template: 'split-submitter.ini', overrides: {
        node: { ...withKey, 'metrics-port': port(0) },
        publish: { 'prover-port': port(3) }, remote: { callers: [`127.0.0.1:${port(2)}`] }, middleman } },
      { name: 'callers', metricsPort: port(1), template: 'split-callers.ini', overrides: {
        node: { ...common, 'operator-address': address, 'proxy-urls': [proxyUrl], 'metrics-port': port(1) },
        publish: { 'caller-port': port(2) }, remote: { prover: `127.0.0.1:${port(3)}` }, middleman } },
    ].map((p) => ({ ...p, path: writeConfig(nodeDir, p.name, p.template, p.overrides) }));
  }
  const overrides = { node: { ...withKey, 'proxy-urls': [proxyUrl], 'metrics-port': port(0) } };
  return [{ name: 'node', metricsPort: port(0), path: writeConfig(nodeDir, 'node', 'single-process.ini', overrides) }];
}

/**
 * Starts the operator nodes; resolves once each process answers on /health.
 * @param run(name, command, args) starts a devnet process (see devnet.mjs)
 * @returns [{name, address, processes, healthUrls, stop()}], the split node first
 */
export async function startOperators({ dir, rpcUrl, deploymentPath, proxyUrl, basePort, run, print }) {
  const nodes = ROLES.operatorKeys.map((key, index) => {
    const address = privateKeyToAddress(key);
    const name = `op${index + 1}`;
    const nodeDir = join(dir, 'operators', name);
    mkdirSync(nodeDir, { recursive: true, mode: 0o700 });
    const configs = nodeConfigs({ index, nodeDir, key, address, rpcUrl, deploymentPath, proxyUrl, basePort });
    const processes = configs.map((c) => ({
      proc: run(configs.length > 1 ? `${name}-${c.name}` : name, operatorBinary(), [`--config-file=${c.path}`]),
      health: `http://127.0.0.1:${c.metricsPort}/health`,
    }));
    print(`operator ${name} ${address}: ${configs.length > 1 ? 'split over two processes (callers | submitter)' : 'one process'}`);
    return { name, address, processes: processes.map((p) => p.proc), health: processes, stop: () => Promise.all(processes.map((p) => p.proc.stop())) };
  });
  await Promise.all(nodes.flatMap((n) => n.health.map((p) => waitForHttp(p.proc, p.health, 60000))));
  return nodes.map(({ health, ...node }) => ({ ...node, healthUrls: health.map((p) => p.health) }));
}
