import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { startProxied } from '../../conformance/mutants/proxy.js';
import { runHeaders } from '../../conformance/index.js';
import { memoryIO } from '../support/memory-io.js';

describe('run-wide --header values', () => {
  it('leaves out the headers a probe sets itself, whatever their case, and keeps the others', () => {
    expect(
      runHeaders({ Accept: 'application/xml', 'content-type': 'x', 'Accept-Encoding': 'gzip', 'x-tenant': 't1' }),
    ).toEqual({
      headers: { 'x-tenant': 't1' },
      ignored: ['accept', 'content-type', 'accept-encoding'],
    });
  });

  it("an Accept given with --header does not replace a probe's own (or its absence): the default-format and error checks still pass", async () => {
    const seen = { tenant: 0, total: 0, withoutAccept: 0 };
    const broker = await startProxied({
      request: (req) => {
        seen.total++;
        if (req.headers['x-tenant'] === 't1') seen.tenant++;
        if (req.headers['accept'] === undefined) seen.withoutAccept++;
        return undefined;
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-hdr-'));
    const t = memoryIO({ cwd: dir });
    try {
      await cli(
        [
          'conformance',
          broker.url,
          '--classes',
          'negotiation,errors',
          '--header',
          'Accept: application/xml',
          '--header',
          'X-Tenant: t1',
          '--deadline',
          '60',
          '--report',
          'r.json',
        ],
        t,
      );
      const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
        checks: { id: string; outcome: string; message: string }[];
      };
      const outcome = (id: string) => report.checks.find((c) => c.id === id);
      expect(outcome('negotiation-default-yaml')?.outcome, outcome('negotiation-default-yaml')?.message).toBe('pass');
      expect(outcome('errors-error-format')?.outcome, outcome('errors-error-format')?.message).toBe('pass');
      expect(report.checks.filter((c) => c.outcome === 'fail').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      expect(t.err.join('')).toContain('--header accept is not sent: each probe sets its own');
      // The other run-wide header reached the broker with every probe but the anonymous VOSI reads.
      expect(seen.tenant).toBeGreaterThan(seen.total / 2);
      expect(seen.withoutAccept).toBeGreaterThan(0);
    } finally {
      await broker.close();
    }
  }, 90_000);
});
