/**
 * The GitHub action's token input reaches a broker that wants a bearer token (through EBKIT_TOKEN, not the
 * argument list), and no report it writes holds it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from '../../conformance/embedded.js';

const RUN = join(resolve(import.meta.dirname, '../..'), 'action/run.mjs');
const TOKEN = 'action-secret-token-0123456789';

describe('the action with a token input', () => {
  it('runs green against a broker that refuses anyone without the token, and writes the token nowhere', async () => {
    const broker = await startEmbeddedBroker(undefined, { auth: 'bearer' });
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-action-'));
    try {
      const run = await promisify(execFile)(process.execPath, [RUN], {
        env: {
          PATH: process.env.PATH ?? '',
          GITHUB_WORKSPACE: dir,
          INPUT_URL: broker.url,
          INPUT_TOKEN: TOKEN,
          INPUT_CLASSES: 'core,lifecycle',
          INPUT_SKIP_SLOW: 'true',
          INPUT_DEADLINE: '60',
        },
      }).catch((err: { code?: number; stdout?: string; stderr?: string }) => err);
      expect('code' in run ? run.code : 0, run.stderr).toBe(0);
      const out = join(dir, 'conformance-report');
      const report = JSON.parse(readFileSync(join(out, 'conformance.json'), 'utf8')) as {
        checks: { outcome: string; message: string }[];
      };
      expect(report.checks.filter((c) => /credentials needed/.test(c.message))).toEqual([]);
      expect(report.checks.filter((c) => c.outcome === 'pass').length).toBeGreaterThan(10);
      for (const f of readdirSync(out)) expect(readFileSync(join(out, f), 'utf8'), f).not.toContain(TOKEN);
      expect(`${run.stdout ?? ''}${run.stderr ?? ''}`).not.toContain(TOKEN);
    } finally {
      await broker.close();
    }
  }, 90_000);
});
