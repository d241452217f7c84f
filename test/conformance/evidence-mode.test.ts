import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../conformance/index.js';
import type { Check, CheckResult, Evidence } from '../../conformance/index.js';
import { startEmbeddedBroker } from '../../conformance/embedded.js';
import { renderHtml, writeJsonReport } from '../../src/report/conformance/index.js';
import type { RunningBroker } from '../../src/broker/index.js';

/** Two checks that send the same request (a POST /requests with a body); one passes, one fails. */
const checks: Check[] = [
  {
    id: 'test-passes',
    class: 'core',
    level: 'MUST',
    requirements: ['EB-OFF-01'],
    title: 'submits and passes',
    async run(ctx) {
      await ctx.submit();
      return { outcome: 'pass', message: 'fine' };
    },
  },
  {
    id: 'test-fails',
    class: 'core',
    level: 'MUST',
    requirements: ['EB-OFF-01'],
    title: 'submits and fails',
    async run(ctx) {
      await ctx.submit();
      return { outcome: 'fail', message: 'made to fail', requirement: 'EB-OFF-01' };
    },
  },
];

let broker: RunningBroker;
beforeAll(async () => {
  broker = await startEmbeddedBroker();
});
afterAll(async () => {
  await broker.close();
});

const byId = (checksRun: CheckResult[], id: string): CheckResult => checksRun.find((c) => c.id === id) as CheckResult;
const hasFullBodies = (e: Evidence): boolean =>
  e.brief === undefined && e.bodyExcerpt !== undefined && e.bodyExcerpt.length > 0 && e.headers !== undefined;
const post = (c: CheckResult): Evidence => c.evidence.find((e) => e.request.method === 'POST') as Evidence;

describe('evidence in full only for checks that did not pass, unless --evidence all', () => {
  it('by default a passing check carries no headers or bodies, a failing one carries them', async () => {
    const report = await runConformance({ target: broker.url, checks, concurrency: 1 });
    const pass = byId(report.checks, 'test-passes');
    const fail = byId(report.checks, 'test-fails');
    expect(pass.outcome).toBe('pass');
    expect(fail.outcome).toBe('fail');
    expect(pass.evidence.length).toBeGreaterThan(0);
    for (const e of pass.evidence) {
      expect(e.brief).toBe(true);
      expect(e.bodyExcerpt).toBeUndefined();
      expect(e.headers).toBeUndefined();
      expect(e.request.bodyExcerpt).toBeUndefined();
      expect(e.request.headers).toEqual({});
      expect(typeof e.status).toBe('number');
    }
    // The replay names the body instead of carrying it.
    expect(post(pass).curl).toMatch(/^curl -i -X POST '.*\/requests' .*--data-binary @body\.txt {2}# body left out/);
    expect(fail.evidence.some(hasFullBodies)).toBe(true);
    expect(post(fail).request.bodyExcerpt).toBeTruthy();
    expect(post(fail).curl).toContain(`--data-binary '`);
    // The writers follow: the HTML shows the failing body and not the passing one's.
    const html = renderHtml(report);
    expect(html).toContain('<h5>Answer');
    expect(html.match(/<h5>Answer/g)?.length).toBe(fail.evidence.filter((e) => !e.failure).length);
    expect(
      JSON.parse(writeJsonReport(report)).checks.find((c: CheckResult) => c.id === 'test-passes').evidence[0].brief,
    ).toBe(true);
  });

  it('with evidence "all" a passing check carries its headers and bodies too', async () => {
    const report = await runConformance({ target: broker.url, checks, concurrency: 1, evidence: 'all' });
    const pass = byId(report.checks, 'test-passes');
    const fail = byId(report.checks, 'test-fails');
    expect(pass.outcome).toBe('pass');
    for (const c of [pass, fail]) {
      expect(c.evidence.every((e) => e.brief === undefined)).toBe(true);
      expect(c.evidence.some(hasFullBodies)).toBe(true);
      expect(post(c).request.bodyExcerpt).toBeTruthy();
    }
  });
});
