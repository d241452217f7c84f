import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { writeJsonReport } from '../../src/report/conformance/index.js';
import { startBroker } from '../../src/broker/index.js';
import { reportSchemaErrors } from '../support/report-schema.js';

describe('the published JSON Schema of the conformance report (schema/report/conformance-report.schema.json)', () => {
  it('describes a whole run against a real broker, and refuses a report that breaks its shape', async () => {
    const broker = await startBroker({ db: ':memory:' });
    try {
      const run = await runConformance({
        target: broker.url,
        checks: ALL_CHECKS.filter((c) => c.class === 'core' || c.class === 'errors'),
        deadlineMs: 30_000,
      });
      const report = JSON.parse(writeJsonReport(run)) as Record<string, unknown> & {
        checks: Record<string, unknown>[];
        summary: Record<string, unknown>;
      };
      expect(reportSchemaErrors(report)).toEqual([]);

      const broken = (edit: (r: typeof report) => void): string[] => {
        const copy = structuredClone(report);
        edit(copy);
        return reportSchemaErrors(copy);
      };
      expect(broken((r) => (r.checks[0]!.outcome = 'maybe')).join('\n')).toMatch(/^\/checks\/0\/outcome /m);
      expect(broken((r) => (r.exitCode = 4)).join('\n')).toMatch(/^\/exitCode /m);
      expect(broken((r) => delete r.summary.mustPassed).join('\n')).toMatch(/mustPassed/);
      expect(broken((r) => (r.surprise = true)).join('\n')).toMatch(/additional properties/);
      expect(broken((r) => (r.tool = 'other')).join('\n')).toMatch(/^\/tool /m);
    } finally {
      await broker.close();
    }
  }, 40_000);
});
