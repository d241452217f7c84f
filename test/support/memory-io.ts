import type { CliIO } from '../../src/cli/io.js';

/** A CliIO that keeps what a command writes, line by line, for tests that call `cli()` in process. */
export function memoryIO(over: Partial<CliIO> = {}): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => Buffer.alloc(0),
    env: {},
    isTTY: false,
    cwd: process.cwd(),
    ...over,
  };
}
