import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import type { CheckResult } from '../../conformance/index.js';
import { ALL_CHECKS } from '../../conformance/index.js';
import { startEmbeddedBroker } from '../../conformance/embedded.js';
import { FAULTS, startFaultyProxy } from '../../conformance/faults.js';
import type { FaultyProxy } from '../../conformance/faults.js';
import type { RunningBroker } from '../../src/broker/index.js';
import { memoryIO } from '../support/memory-io.js';
import { reportFlags } from '../support/report-flags.js';
import { expectSchemaValidReport } from '../support/report-schema.js';

const DEADLINE_S = 12;

const io = (cwd: string) => memoryIO({ cwd });

describe('the reference broker behind a fault-injecting proxy (seeded)', () => {
  let proxy: FaultyProxy;
  let broker: RunningBroker;
  beforeAll(async () => {
    proxy = await startFaultyProxy({ seed: 7, rate: 0.35, maxDelayMs: 1_200 });
    broker = await startEmbeddedBroker(undefined, { publicUrl: proxy.url });
    proxy.setUpstream(broker.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await broker?.close();
  });

  it('ends within its deadline with failed or errored checks carrying evidence, and exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-faults-'));
    const t = io(dir);
    const started = Date.now();
    const code = await cli(
      [
        'conformance',
        proxy.url,
        '--timeout',
        '1500',
        '--deadline',
        String(DEADLINE_S),
        ...reportFlags(['report', 'junit', 'html']),
      ],
      t,
    );
    const elapsed = Date.now() - started;
    // --deadline bounds everything (probe, checks, cleanup sweep); the slack is for writing the reports.
    expect(elapsed).toBeLessThan(DEADLINE_S * 1000 + 1_500);
    expect(t.err.join('')).toBe('');

    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
      checks: CheckResult[];
      summary: Record<string, number>;
    };
    // Faults make checks error (not judged, exit 3) or fail (exit 1); never a pass.
    expect(code).toBe((report.summary['mustFailed'] as number) > 0 ? 1 : 3);
    expect(report.checks).toHaveLength(ALL_CHECKS.length);
    expectSchemaValidReport(report);
    // Every kind of fault was drawn, and the broker itself never answered 500 to what passed through.
    for (const f of FAULTS) expect(proxy.counts[f], f).toBeGreaterThan(0);
    expect(broker.stats.internalErrors).toBe(0);

    const broken = report.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error');
    expect(broken.length).toBeGreaterThan(0);
    expect(report.summary['mustPassed']).toBeLessThan(report.summary['mustTotal'] as number);
    // A check the deadline stopped before it began has no exchange to show; every other one shows its proof.
    for (const c of broken.filter((x) => !/^not run/.test(x.message))) {
      expect(c.evidence.length, c.id).toBeGreaterThan(0);
      expect(c.message, c.id).not.toMatch(/EBK_CHECK_CRASHED/);
    }
    const kinds = new Set(report.checks.flatMap((c) => c.evidence.map((e) => e.failure?.kind)).filter(Boolean));
    expect(kinds.size).toBeGreaterThan(1);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toMatch(/<failure|<error/);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('<!DOCTYPE html>');
  }, 40_000);

  it('with faults on most exchanges and a short deadline, stops on time with every check accounted for', async () => {
    const heavy = await startFaultyProxy({ seed: 11, rate: 0.9, maxDelayMs: 3_000 });
    const upstream = await startEmbeddedBroker(undefined, { publicUrl: heavy.url });
    heavy.setUpstream(upstream.url);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'ebkit-faults-'));
      const t = io(dir);
      const started = Date.now();
      const code = await cli(
        ['conformance', heavy.url, '--timeout', '2000', '--deadline', '4', '--report', 'r.json'],
        t,
      );
      expect(Date.now() - started).toBeLessThan(4_000 + 1_500);
      const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
        checks: CheckResult[];
        deadlineHit: boolean;
        summary: Record<string, number>;
      };
      expect(code).toBe((report.summary['mustFailed'] as number) > 0 ? 1 : 3);
      expect(report.checks).toHaveLength(ALL_CHECKS.length);
      expect(report.deadlineHit).toBe(true);
      expect(report.checks.filter((c) => c.outcome === 'error').length).toBeGreaterThan(0);
      expect(report.checks.filter((c) => /EBK_CHECK_CRASHED/.test(c.message))).toEqual([]);
    } finally {
      await heavy.close();
      await upstream.close();
    }
  }, 30_000);
});
