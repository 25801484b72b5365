// Long-running child processes of the devnet: each in its own process group (so stopping it
// also stops whatever it started), its output prefixed line by line with its name, a stop that
// asks politely (SIGTERM, which lets anvil save its state) before it insists (SIGKILL), and, for
// supervised ones, a restart with a back-off when the process exits by itself.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93, 95, 92];
let nextColor = 0;

/** Writes `[name] line` to `output` for every line of a stream; colour only on a terminal. */
function prefixLines(stream, name, color, output) {
  const tag = output.isTTY ? `\x1b[${color}m[${name}]\x1b[0m` : `[${name}]`;
  createInterface({ input: stream }).on('line', (line) => output.write(`${tag} ${line}\n`));
}

/** Exit code with which a program says its configuration is wrong: restarting would only repeat it. */
const BAD_CONFIGURATION = 2;

/**
 * The supervisor's back-off: 1 s after the first exit, doubling up to 30 s for a process that
 * keeps exiting; a process that ran for a minute before it exited starts again from 1 s.
 * @param {number} failures exits in a row, each within a minute of its start (1 for the first)
 */
export function restartDelayMs(failures) {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
}

/**
 * Starts `command args` as a named process.
 * @param opts {cwd, env, output: where the prefixed output goes (default stdout), supervise: restart
 *   it with restartDelayMs when it exits by itself (not after stop(), nor on exit code 2),
 *   print(line): where the supervisor says so (default the output, prefixed with the name)}
 * @returns {name, child (the current process), exited: Promise<{code, signal}> (of the last run,
 *   once no restart follows), restarts (count), stop(timeoutMs)}
 */
export function startProcess(name, command, args, { cwd, env, output = process.stdout, supervise = false, print } = {}) {
  const color = COLORS[nextColor++ % COLORS.length];
  const say = print ?? ((line) => output.write(`[${name}] ${line}\n`));
  let stopping = false;
  let failures = 0;
  let restartTimer = null;
  let resolveExited;
  const exited = new Promise((resolve) => (resolveExited = resolve));
  const proc = { name, child: null, exited, restarts: 0, stop };

  function launch() {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const startedAt = Date.now();
    proc.child = child;
    prefixLines(child.stdout, name, color, output);
    prefixLines(child.stderr, name, color, output);
    child.once('error', (err) => say(`could not start ${command}: ${err.message}`));
    child.once('exit', (code, signal) => {
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
      if (stopping || !supervise || code === BAD_CONFIGURATION) {
        if (!stopping && supervise) say(`${how} (a bad configuration): not restarting`);
        resolveExited({ code, signal });
        return;
      }
      failures = Date.now() - startedAt > 60_000 ? 1 : failures + 1;
      const delay = restartDelayMs(failures);
      say(`${how}; restarting in ${delay / 1000} s`);
      restartTimer = setTimeout(() => {
        restartTimer = null;
        if (stopping) return resolveExited({ code, signal });
        proc.restarts++;
        launch();
      }, delay);
    });
  }

  async function stop(timeoutMs = 5000) {
    stopping = true;
    const child = proc.child;
    if (restartTimer) {
      clearTimeout(restartTimer);
      restartTimer = null;
      resolveExited({ code: child.exitCode, signal: child.signalCode });
    }
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

  launch();
  return proc;
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
