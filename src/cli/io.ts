/** What a command may touch of the outside world, so tests can run `cli()` without spawning. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for `-`). */
  readStdin: () => Promise<Buffer>;
  env: Record<string, string | undefined>;
  /** True when stdout is a terminal (colours, live progress). */
  isTTY: boolean;
  cwd: string;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
  };
}

/** Exit codes shared by every command. */
export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2 } as const;
