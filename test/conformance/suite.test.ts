import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS, CHECK_CLASSES, runConformance } from '../../conformance/index.js';
import type { RunReport } from '../../conformance/index.js';
import { MUTANTS } from '../../conformance/mutants/index.js';
import { startEmbeddedBroker } from '../../conformance/embedded.js';
import { expectAllPassed } from './variant-helpers.js';

const root = join(import.meta.dirname, '../../conformance/checks');

describe('check catalogue', () => {
  it('lists every check file exactly once, in the folder of its class', () => {
    const files = CHECK_CLASSES.flatMap((cls) =>
      readdirSync(join(root, cls))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `${cls}/${f}`),
    );
    expect(ALL_CHECKS).toHaveLength(files.length);
    expect(new Set(ALL_CHECKS.map((c) => c.id)).size).toBe(ALL_CHECKS.length);
    for (const c of ALL_CHECKS) expect(CHECK_CLASSES).toContain(c.class);
  });

  it('has a requirement ID on every check and a mutant that catches every check', () => {
    const caught = new Set(MUTANTS.flatMap((m) => m.catches));
    for (const c of ALL_CHECKS) {
      expect(c.requirements.length, c.id).toBeGreaterThan(0);
      for (const r of c.requirements) expect(r).toMatch(/^EB-[A-Z]+-\d{2}$/);
      expect(caught.has(c.id), `${c.id} is caught by no mutant`).toBe(true);
    }
    for (const m of MUTANTS) for (const id of m.catches) expect(ALL_CHECKS.map((c) => c.id)).toContain(id);
  });
});

describe('check tests', () => {
  it('has a test file named after every check, running it through testCheck', () => {
    for (const c of ALL_CHECKS) {
      const name = c.id.slice(c.class.length + 1);
      const file = join(import.meta.dirname, 'checks', c.class, `${name}.test.ts`);
      expect(existsSync(file), `${c.id} has no test/conformance/checks/${c.class}/${name}.test.ts`).toBe(true);
      expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`testCheck\\('${c.id}'[,)]`));
    }
    const files = readdirSync(join(import.meta.dirname, 'checks'), { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => f.endsWith('.test.ts'))).toHaveLength(ALL_CHECKS.length);
  });
});

describe('against the clean reference broker', () => {
  let report: RunReport;
  let broker: Awaited<ReturnType<typeof startEmbeddedBroker>>;
  beforeAll(async () => {
    broker = await startEmbeddedBroker();
    report = await runConformance({ target: broker.url, checks: ALL_CHECKS, deadlineMs: 50_000 });
  }, 60_000);
  afterAll(async () => broker?.close());

  it('passes every check (expiry included) and leaves no session behind', () => {
    expectAllPassed(report);
    expect(report.leftovers).toEqual([]);
    expect(report.summary.mustPassed).toBe(report.summary.mustTotal);
    expect(broker.stats.internalErrors).toBe(0);
  });

  it('records evidence with a curl command for every exchange', () => {
    const evidence = report.checks.flatMap((c) => c.evidence);
    expect(evidence.length).toBeGreaterThan(ALL_CHECKS.length);
    for (const e of evidence) expect(e.curl).toMatch(/^curl -i -X [A-Z]+ '/);
  });
});
