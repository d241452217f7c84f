import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../validate/helpers/schema-facts.js';

/** The real binary, as users run it (needs `npm run build`, which `npm test` does first). */
const BIN = join(ROOT, 'dist/src/cli/bin.js');
const exec = promisify(execFile);

/**
 * Runs `node bin.js ARGS | READER` through a real shell pipe; what ebkit wrote on stderr and its exit status (the
 * shell's `$?` of the pipeline's first command, which a POSIX sh has no pipefail for) come back through files.
 */
async function piped(args: string[], reader: string): Promise<{ status: number; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-epipe-'));
  try {
    const script = `{ "$NODE" "$BIN" "$@" 2>"$DIR/stderr"; echo $? >"$DIR/status"; } | ${reader}`;
    await exec('sh', ['-c', script, 'sh', ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE: process.execPath, BIN, DIR: dir, NO_COLOR: '1' },
      timeout: 60_000,
    });
    return {
      status: Number(readFileSync(join(dir, 'status'), 'utf8').trim()),
      stderr: readFileSync(join(dir, 'stderr'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const STACK = /\n\s+at |EPIPE|Error:/;

describe.skipIf(!existsSync(BIN))('a reader that goes away (ebkit … | head)', () => {
  it('--help into a reader that has already exited: no stack trace, exit 0', async () => {
    // `true` exits at once, so every write of the help text meets a closed pipe (EPIPE).
    const r = await piped(['--help'], 'true');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  it('--help | head -1 as the issue wrote it', async () => {
    const r = await piped(['--help'], 'head -1 >/dev/null');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  it('a report larger than the pipe, cut by head: no stack trace, and the exit status is still the verdict', async () => {
    const examples = ['valid', 'invalid'].flatMap((kind) =>
      readdirSync(join(ROOT, 'spec/examples', kind)).map((f) => `spec/examples/${kind}/${f}`),
    );
    // The JSON report of every example is over 64 KiB, more than a pipe holds, so the write outlives head.
    const whole = await exec(process.execPath, [BIN, 'validate', '--format', 'json', ...examples], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((e: { code: number; stdout: string }) => e);
    expect(whole.stdout.length).toBeGreaterThan(64 * 1024);
    const r = await piped(['validate', '--format', 'json', ...examples], 'head -c 100 >/dev/null');
    expect(r.stderr).not.toMatch(STACK);
    // Invalid examples are among them: 1 (findings), as without the pipe, never 0 because the reader left.
    expect(r.status).toBe(1);
  }, 120_000);
});
