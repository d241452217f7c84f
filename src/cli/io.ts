import { readStreamBounded } from '../util/fs.js';

/** What a command may touch of the outside world, so tests can run `cli()` without spawning. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Reads standard input (for `-`) until it ends, or until it passes `maxBytes`: then it stops reading and gives
   * the `maxBytes` + 1 bytes read, so the caller refuses the input without ever holding more of it.
   */
  readStdin: (maxBytes: number) => Promise<Buffer>;
  env: Record<string, string | undefined>;
  /** True when stdout is a terminal (colours, live progress). */
  isTTY: boolean;
  cwd: string;
  /**
   * Calls `handler` on the first Ctrl-C (SIGINT) or SIGTERM instead of exiting, naming which; returns the function
   * that stops listening. Absent: the command cannot be interrupted other than by being killed.
   */
  onInterrupt?: (handler: (signal: 'SIGINT' | 'SIGTERM') => void) => () => void;
}

/** Errors that mean the reader of a stream went away (`ebkit … | head`), or a write after that. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * A writer for process.stdout or process.stderr that never ends in a stack trace. When the reader goes away
 * (EPIPE), the rest of the output is dropped and the command runs to its end: its exit code (0/1/2) is the
 * verdict, which does not depend on whether anybody read the report (so `set -o pipefail; ebkit validate bad.yaml
 * | head` still fails and a clean document still passes; SIGPIPE's 141 would fail the clean one, a forced 0 pass
 * the bad one). Any other write failure (a full disk) is one line on stderr and exit 2: the output is lost.
 */
export function guardedWriter(stream: NodeJS.WritableStream, name: string): (text: string) => void {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (READER_GONE.has(err.code ?? '')) return;
    if (stream !== process.stderr) process.stderr.write(`ebkit: cannot write ${name}: ${err.code ?? err.message}\n`);
    process.exit(EXIT.USAGE);
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

export function processIO(): CliIO {
  return {
    stdout: guardedWriter(process.stdout, 'standard output'),
    stderr: guardedWriter(process.stderr, 'standard error'),
    readStdin: async (maxBytes) => {
      const read = await readStreamBounded(process.stdin as AsyncIterable<Buffer>, maxBytes);
      return read.ok ? read.bytes : Buffer.alloc(maxBytes + 1);
    },
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    onInterrupt: (handler) => {
      // Ctrl-C, and the SIGTERM a CI runner sends on cancel or timeout. once: the second signal finds no listener
      // and node exits at once, as a user pressing Ctrl-C again wants.
      const onInt = (): void => handler('SIGINT');
      const onTerm = (): void => handler('SIGTERM');
      process.once('SIGINT', onInt);
      process.once('SIGTERM', onTerm);
      return () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      };
    },
  };
}

/** Exit codes shared by every command. */
export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2 } as const;
