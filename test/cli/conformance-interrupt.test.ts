/**
 * Ctrl-C during `ebkit conformance` (a real SIGINT to the real binary, against the embedded broker): the run stops
 * as the deadline would stop it, the report covers the checks that ran and says the rest were not, every session
 * the run made is still settled, and the exit code is 130 (128 + SIGINT), not a verdict. A CI runner's SIGTERM
 * (on cancel or timeout) does the same, exit 143.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../validate/helpers/schema-facts.js';
import type { RunReport } from '../../conformance/index.js';

const BIN = join(ROOT, 'dist/src/cli/bin.js');

describe.skipIf(!existsSync(BIN))('ebkit conformance, interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: prints the report of what ran, settles every session and exits %i',
    async (signal, exitCode) => {
      const child = spawn(process.execPath, [BIN, 'conformance', '--format', 'json'], {
        env: { ...process.env, NO_COLOR: '1' },
      });
      let stdout = '';
      let stderr = '';
      let sent = false;
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        // Interrupt once a few checks have finished, while others still run.
        if (!sent && (stderr.match(/^(PASS|FAIL|WARN|INFO|N\/A|SKIP|ERR) /gm) ?? []).length >= 3) {
          sent = true;
          child.kill(signal);
        }
      });
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
      expect(sent).toBe(true);
      expect(code).toBe(exitCode);
      expect(stderr).toContain(`interrupted (${signal}); settling the sessions made so far`);
      const report = JSON.parse(stdout) as RunReport;
      expect(report.interrupted).toBe(true);
      expect(report.deadlineHit).toBe(false);
      const stopped = report.checks.filter((c) => /the run was interrupted/.test(c.message));
      expect(stopped.length).toBeGreaterThan(0);
      expect(stopped.every((c) => c.outcome === 'error')).toBe(true);
      expect(report.checks.some((c) => c.outcome === 'pass')).toBe(true);
      expect(report.checks.filter((c) => /interrupted: the run was interrupted/.test(c.message))).toEqual([]);
      expect(report.sessionsCreated).toBeGreaterThan(0);
      expect(report.leftovers).toEqual([]);
    },
    60_000,
  );
});
