import { spawn, spawnSync } from 'node:child_process';
import { ProcessingFailure, transientFailure } from './errors';

export interface ToolRun {
  stdout: string;
  stderr: string;
}

export interface RunToolOptions {
  /** Killed (SIGKILL) after this long; a timeout is a transient failure. */
  timeoutMs?: number;
  /** Called with every stdout chunk as it arrives (ffmpeg `-progress pipe:1` parsing). */
  onStdout?: (chunk: string) => void;
  /** Stops the tool when the caller gives up (worker shutdown). */
  signal?: AbortSignal;
}

/** Keeps the end of a tool's output, where the error usually is, without unbounded growth. */
const OUTPUT_LIMIT = 64 * 1024;
const keepTail = (text: string): string => (text.length > OUTPUT_LIMIT ? text.slice(-OUTPUT_LIMIT) : text);

/**
 * Tools run through `setpriv --pdeathsig KILL` (util-linux), which asks the kernel
 * (PR_SET_PDEATHSIG) to SIGKILL the tool when the worker dies, then execs the tool in the same
 * process. This holds however the worker dies, SIGKILL and OOM kills included, which no handler in
 * the worker can promise, and it needs no watchdog process that could itself die; the tool keeps its
 * pid, so the time-out still kills the tool itself. Node cannot set PR_SET_PDEATHSIG on a child,
 * hence the wrapper. Where setpriv is missing (not Linux, a minimal image), tools are spawned
 * directly and the worker's own shutdown and time-outs are all that stop them.
 */
let deathSignalWrapper: string[] | undefined;
function wrapperArgs(): string[] {
  if (deathSignalWrapper === undefined) {
    const probe = process.platform === 'linux' ? spawnSync('setpriv', ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore' }) : undefined;
    deathSignalWrapper = probe?.status === 0 ? ['setpriv', '--pdeathsig', 'KILL', '--'] : [];
  }
  return deathSignalWrapper;
}

/**
 * Runs a command-line tool without a shell (arguments are never interpreted) and resolves with its
 * output when it exits 0. A non-zero exit rejects with `ToolExitError`, which the caller turns into a
 * failure it understands (a corrupt input is permanent, not the tool's fault).
 */
export function runTool(command: string, args: readonly string[], options: RunToolOptions = {}): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const [program = command, ...programArgs] = [...wrapperArgs(), command, ...args];
    const child = spawn(program, programArgs, { stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout = keepTail(stdout + chunk);
      options.onStdout?.(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = keepTail(stderr + chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ENOENT') reject(transientFailure('A processing tool is not available.', `${command} is not installed`));
      else reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut)
        reject(new ProcessingFailure('Processing took too long.', false, `${command} timed out after ${options.timeoutMs} ms`, 'PROCESSING_TIMED_OUT'));
      else if (code === 0) resolve({ stdout, stderr });
      // setpriv's "could not execute": the same as ENOENT without the wrapper.
      else if (code === 127 && program !== command) reject(transientFailure('A processing tool is not available.', `${command} is not installed`));
      else reject(new ToolExitError(command, code, signal, stderr));
    });
  });
}

/** A tool ran and refused its input (or crashed). */
export class ToolExitError extends Error {
  override readonly name = 'ToolExitError';
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly exitSignal: NodeJS.Signals | null,
    readonly stderr: string,
  ) {
    super(`${command} exited with ${exitCode ?? exitSignal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
}
