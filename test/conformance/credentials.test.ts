import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { startProxied } from '../../conformance/mutants/proxy.js';
import { BASIC_PASSWORD, BASIC_USER } from '../../conformance/variants/basic-auth.js';
import { memoryIO } from '../support/memory-io.js';
import { reportFlags } from '../support/report-flags.js';

const io = (cwd: string) => memoryIO({ cwd });

const EXPECTED = `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64')}`;

/**
 * A Basic-auth broker (401 with an empty body on any non-GET without the credentials) that also echoes the
 * Authorization header it got into every answer, as a careless broker might, and records whether a GET of
 * the VOSI endpoints was ever sent credentials.
 */
async function echoingBasicAuthBroker(seen: { vosiWithCredentials: number; vosi: number }) {
  return startProxied({
    request: (req) => {
      if (req.method === 'GET' && /^\/(availability|capabilities)/.test(req.path)) {
        seen.vosi++;
        if (req.headers['authorization'] !== undefined) seen.vosiWithCredentials++;
      }
      if (req.method === 'GET' || req.headers['authorization'] === EXPECTED) return undefined;
      return { status: 401, headers: { 'www-authenticate': 'Basic realm="eb"' }, body: Buffer.alloc(0) };
    },
    response: (req, res) => ({
      ...res,
      headers: { ...res.headers, 'x-echo-authorization': req.headers['authorization'] ?? '' },
    }),
  });
}

describe('credentials', () => {
  it.each([
    ['--user', true],
    ['EBKIT_USER in the environment', false],
  ] as const)(
    '%s reaches every non-GET, no VOSI request carries it, and no output holds the secret in any form',
    async (_how, asFlag) => {
      const seen = { vosiWithCredentials: 0, vosi: 0 };
      const broker = await echoingBasicAuthBroker(seen);
      const dir = mkdtempSync(join(tmpdir(), 'ebkit-cred-'));
      const credentials = `${BASIC_USER}:${BASIC_PASSWORD}`;
      const t = asFlag ? io(dir) : memoryIO({ cwd: dir, env: { EBKIT_USER: credentials } });
      try {
        const code = await cli(
          [
            'conformance',
            broker.url,
            ...(asFlag ? ['--user', credentials] : []),
            '--skip-slow',
            '--deadline',
            '40',
            ...reportFlags(['report', 'junit', 'html', 'badge']),
          ],
          t,
        );
        const outputs: Record<string, string> = {
          stdout: t.out.join(''),
          stderr: t.err.join(''),
          ...Object.fromEntries(
            ['r.json', 'r.xml', 'r.html', 'b.svg'].map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
          ),
        };
        const forms = [
          BASIC_PASSWORD,
          EXPECTED,
          Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64'),
          encodeURIComponent(BASIC_PASSWORD),
        ];
        for (const [name, text] of Object.entries(outputs))
          for (const form of forms) expect(text.includes(form), `${name} holds ${form}`).toBe(false);
        // The credentials worked (nothing skipped for want of them), and the redaction is visible.
        const report = JSON.parse(outputs['r.json'] ?? '{}') as { checks: { message: string }[]; exitCode: number };
        expect(report.checks.filter((c) => /credentials needed/.test(c.message))).toEqual([]);
        expect(outputs['r.json']).toContain('<redacted>');
        expect(code).toBe(report.exitCode);
        expect(seen.vosi).toBeGreaterThan(0);
        // The VOSI reads went out anonymously (EB-VOSI-03), whatever the run was given.
        expect(seen.vosiWithCredentials).toBe(0);
      } finally {
        await broker.close();
      }
    },
    90_000,
  );

  it('--token sets a Bearer header; --user without a colon, or both together, are usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-cred-'));
    for (const argv of [
      ['--user', 'nocolon'],
      ['--user', 'a:b', '--token', 't'],
      ['--token', ''],
      ['--user', 'a:b', '--header', 'Authorization: Bearer x'],
    ]) {
      const t = io(dir);
      expect(await cli(['conformance', 'http://127.0.0.1:1/', ...argv], t), argv.join(' ')).toBe(2);
      expect(t.err.join('')).toMatch(/ebkit conformance: --(user|token)/);
    }
  });

  it('--help states the exit codes and the credential flags', async () => {
    const t = io(tmpdir());
    await cli(['conformance', '--help'], t).catch(() => 2);
    const help = t.out.join('') + t.err.join('');
    expect(help).toMatch(/--user <name:password>/);
    expect(help).toMatch(/--token <token>/);
    expect(help).toMatch(/3 +no MUST check failed, but some could not be judged/);
    // A MUST that does not apply is counted as met: the help says so, as "57/57 MUST" with an n/a would not.
    expect(help).toMatch(
      /n\/a \(the requirement does not apply[^)]*a MUST that does not apply is met, and counts in "MUST\s+passed"\)/,
    );
  });
});
