import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../src/cli/commands/coverage.js';
import { buildCoverage, coverageMarkdown } from '../../src/spec-tools/coverage.js';
import type { RegisterEntry } from '../../src/spec-tools/register.js';

const entry = (id: string, level: RegisterEntry['level']): RegisterEntry => ({ id, level, statement: `statement of ${id}`, section: '6.4', source: 'test', origin: 'new' });

describe('coverage counts a check only when a mutant shows it can fail', () => {
  const register = [entry('EB-A-01', 'MUST'), entry('EB-A-02', 'MUST'), entry('EB-A-03', 'MUST'), entry('EB-A-04', 'SHOULD')];
  const checks = [
    { name: 'check-one', requirements: ['EB-A-01', 'EB-A-02'], file: 'core/check-one.ts' },
    { name: 'check-two', requirements: ['EB-A-03'], file: 'core/check-two.ts' },
  ];
  const cov = buildCoverage(register, {
    rules: [{ name: 'rule-four', requirements: ['EB-A-04'], file: 'x/rule-four.ts' }],
    checks,
    proof: {
      mutants: [
        // Breaks EB-A-01 and is caught by a check citing it: proof.
        { name: 'breaks-one', requirements: ['EB-A-01'], catches: ['check-one'] },
        // Names EB-A-03 but is caught only by a check that does not cite it: no proof.
        { name: 'breaks-three-badly', requirements: ['EB-A-03'], catches: ['check-one'] },
      ],
      unbreakable: { 'EB-A-03': 'a client rule' },
    },
  });

  it('marks a requirement covered only by a check as unproven unless a mutant caught by such a check breaks it', () => {
    expect(cov.rows.map((r) => [r.id, r.status])).toEqual([
      ['EB-A-01', 'covered'],
      ['EB-A-02', 'unproven'],
      ['EB-A-03', 'unproven'],
      ['EB-A-04', 'covered'],
    ]);
    expect(cov.rows[0]?.mutants).toEqual(['breaks-one']);
    expect(cov.rows[2]?.unproven).toBe('a client rule');
    expect(cov.summary).toMatchObject({ covered: 2, unproven: 2, uncovered: 0 });
  });

  it('says why in the Markdown table', () => {
    const md = coverageMarkdown(cov);
    expect(md).toContain('unproven: no mutant makes a check citing it fail');
    expect(md).toContain('unproven: a client rule');
  });

  it('on the project, leaves unproven only the requirements conformance/mutants/unbreakable.ts explains', async () => {
    const { coverage } = await computeCoverage();
    const unproven = (coverage?.rows ?? []).filter((r) => r.status === 'unproven');
    const { UNBREAKABLE } = await import('../../conformance/mutants/unbreakable.js');
    expect(unproven.map((r) => r.id).sort()).toEqual(Object.keys(UNBREAKABLE).sort());
    expect(coverage?.loadErrors).toEqual([]);
  });
});
