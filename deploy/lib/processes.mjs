// Long-running child processes of the devnet: each in its own process group (so stopping it
// also stops whatever it started), its output prefixed line by line with its name, and a stop
// that asks politely (SIGTERM, which lets anvil save its state) before it insists (SIGKILL).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93, 95, 92];
let nextColor = 0;

/** Writes `[name] line` to `output` for every line of a stream; colour only on a terminal. */
function prefixLines(stream, name, color, output) {
  const tag = output.isTTY ? `\x1b[${color}m[${name}]\x1b[0m` : `[${name}]`;
  createInterface({ input: stream }).on('line', (line) => output.write(`${tag} ${line}\n`));
}

/**
 * Starts `command args` as a named process.
 * @param opts {cwd, env, output: where the prefixed output goes (default stdout)}
 * @returns {name, child, exited: Promise<{code, signal}>, stop(timeoutMs)}
 */
export function startProcess(name, command, args, { cwd, env, output = process.stdout } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const color = COLORS[nextColor++ % COLORS.length];
  prefixLines(child.stdout, name, color, output);
  prefixLines(child.stderr, name, color, output);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('error', (err) => output.write(`[${name}] could not start ${command}: ${err.message}\n`));

  async function stop(timeoutMs = 5000) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid == null) return exited;
    const signalGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    };
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), timeoutMs);
    const result = await exited;
    clearTimeout(timer);
    return result;
  }

  return { name, child, exited, stop };
}

/** Resolves once `url` answers any HTTP status; rejects if `proc` exits first or after `timeoutMs`. */
export async function waitForHttp(proc, url, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  proc.exited.then((result) => (exited = result));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${proc.name} exited (${exited.signal ?? `code ${exited.code}`}) before answering on ${url}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${proc.name} did not answer on ${url} within ${timeoutMs / 1000} s`);
}
