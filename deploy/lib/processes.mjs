// Long-running child processes of the devnet: each in its own process group (so stopping it
// also stops whatever it started), its output prefixed line by line with its name, and a stop
// that asks politely (SIGTERM, which lets anvil save its state) before it insists (SIGKILL).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93, 95, 92];
let nextColor = 0;

/** Writes `[name] line` for every line of a stream; colour only on a terminal. */
function prefixLines(stream, name, color, sink, onLine) {
  const tag = process.stdout.isTTY ? `\x1b[${color}m[${name}]\x1b[0m` : `[${name}]`;
  createInterface({ input: stream }).on('line', (line) => {
    onLine?.(line);
    if (sink) sink.write(`${tag} ${line}\n`);
  });
}

/**
 * Starts `command args` as a named process.
 * @param opts {cwd, env, quiet: don't echo output, onLine(line): see each output line}
 * @returns {name, child, exited: Promise<{code, signal}>, stop(timeoutMs)}
 */
export function startProcess(name, command, args, { cwd, env, quiet = false, onLine } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const color = COLORS[nextColor++ % COLORS.length];
  const sink = quiet ? null : process.stdout;
  prefixLines(child.stdout, name, color, sink, onLine);
  prefixLines(child.stderr, name, color, sink, onLine);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('error', (err) => sink?.write(`[${name}] could not start ${command}: ${err.message}\n`));

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
