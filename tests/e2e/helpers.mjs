// Shared pieces of the end-to-end tests: free ports, a devnet on them with a short schedule, a
// TCP relay that can be cut to simulate an unreachable RPC, and screenshots into test-results/.
import { createServer, connect } from 'node:net';
import { mkdirSync, mkdtempSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevnet, DEVNET_PARAMS } from '../../deploy/lib/devnet.mjs';
import { ROOT } from '../../deploy/lib/devchain.mjs';

export const RESULTS = join(ROOT, 'test-results');

export async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => server.listen(0, '127.0.0.1', resolve).on('error', reject));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A devnet on free ports in a fresh folder, with protocol parameters short enough for a test;
 * its output goes to test-results/<logName>. */
export async function startTestDevnet({ logName = 'e2e-devnet.log' } = {}) {
  mkdirSync(RESULTS, { recursive: true });
  const log = createWriteStream(join(RESULTS, logName));
  const ports = { rpc: await freePort(), proxy: await freePort(), target: await freePort(), portal: await freePort(), operatorBase: await freePort() };
  const devnet = await startDevnet({
    dir: mkdtempSync(join(tmpdir(), 'automator-e2e-')),
    ports,
    params: { ...DEVNET_PARAMS, failoverDelay: 2, submitWindow: 3, maxMisses: 100 },
    sampleTask: false,
    print: (line) => log.write(`[devnet] ${line}\n`),
    output: log,
  });
  return { ...devnet, log };
}

/** A TCP relay to `port` that can be cut and restored, as if the RPC's host went away and came back. */
export async function startRelay(port) {
  const listenPort = await freePort();
  const sockets = new Set();
  let server;
  const open = () => new Promise((resolve) => {
    server = createServer((client) => {
      const upstream = connect(port, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    server.listen(listenPort, '127.0.0.1', resolve);
  });
  const cut = () => new Promise((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(resolve);
  });
  await open();
  return { url: `http://127.0.0.1:${listenPort}`, cut, restore: open };
}

export function screenshotPath(name) {
  mkdirSync(RESULTS, { recursive: true });
  return join(RESULTS, name);
}
