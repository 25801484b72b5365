// Child processes and waits for the integration tests (node_e2e.mjs, adversarial_matrix.mjs,
// http_corpus.mjs): free loopback ports, named children whose output is kept for the failure
// report, a poll that fails early when a child dies, key files only their user can read.
import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../../../deploy/lib/devchain.mjs';

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The children of one test run, stopped together at its end. */
export function processGroup() {
  const children = [];

  /** Starts `command argv` in the repository root; `child.output` keeps stdout and stderr. */
  function start(name, command, argv) {
    const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.output = '';
    const keep = (chunk) => {
      child.output += chunk;
      if (process.env.VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    children.push({ name, child });
    return child;
  }

  /** Polls `check` until it returns a truthy value; fails at the deadline or when a child exits. */
  async function waitFor(what, check, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const value = await check();
        if (value) return value;
      } catch {
        // not ready yet
      }
      const dead = children.find(({ child }) => child.exitCode !== null && !child.stopped);
      if (dead) throw new Error(`${dead.name} exited with ${dead.child.exitCode} while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Stops one child on purpose (waitFor then does not count its exit as a failure). */
  async function stop(child) {
    child.stopped = true;
    if (child.exitCode === null) child.kill('SIGTERM');
    await child.exited;
  }

  function report() {
    for (const { name, child } of children) console.error(`----- ${name} output\n${child.output.slice(-6000)}`);
  }

  async function stopAll() {
    for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map(({ child }) => child.exited));
  }

  return { start, waitFor, stop, report, stopAll };
}

/** Writes a hex key to `dir/name`, readable only by its user (as the node and proxy require). */
export function writeKey(dir, name, key) {
  const file = join(dir, name);
  writeFileSync(file, key + '\n');
  chmodSync(file, 0o600);
  return file;
}

export const metricsOf = async (port) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
export const metric = (text, name) => Number((text.match(new RegExp(`^${name} (\\d+)`, 'm')) ?? [])[1] ?? NaN);

/** JSON-RPC to a chain; throws the node's error message. */
export async function rpc(url, method, params = []) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const answer = await response.json();
  if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
  return answer.result;
}

/**
 * A bare anvil (no contracts) and a real operator node (config/single-process.ini) whose
 * deployment names `contract`, an address with no code: the node runs, its /metrics and
 * /health server answers (health 503 while the contract is wrong). For the bad-contract mode of
 * node_e2e.mjs and the malformed-request corpus (http_corpus.mjs).
 */
export async function startNodeOnBareChain({ group, work, operator, key, contract }) {
  const { ANVIL } = await import('../../../deploy/lib/foundry.mjs');
  const chainPort = await freePort();
  const rpcUrl = `http://127.0.0.1:${chainPort}`;
  group.start('anvil', ANVIL, ['--host', '127.0.0.1', '--port', String(chainPort), '--silent']);
  await group.waitFor('anvil', () => rpc(rpcUrl, 'eth_chainId'), 30_000);
  const deployment = join(work, 'deployment.json');
  writeFileSync(deployment, JSON.stringify({ chainId: 31337, automator: contract, deployBlock: 0 }));
  const metricsPort = await freePort();
  const node = group.start('operator', operator, [
    '--config-file=config/single-process.ini', `--node.deployment=${deployment}`, `--node.rpc-url=${rpcUrl}`,
    `--node.key-file=${writeKey(work, 'operator.key', key)}`, `--node.store=${join(work, 'store')}`,
    `--node.metrics-port=${metricsPort}`, '--chain.confirmations=0', '--chain.poll-interval-ms=300',
  ]);
  await group.waitFor('the node\'s /health', async () => (await fetch(`http://127.0.0.1:${metricsPort}/health`)).status, 60_000);
  return { rpcUrl, metricsPort, node };
}
