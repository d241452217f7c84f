import { describe, expect, it } from 'vitest';
import type { DocumentType, Level } from '../../../src/findings.js';
import { validate, type Rule } from '../../../src/validate/index.js';

/** A finding a case expects: the requirement ID and the JSON Pointer of the node it is about. */
export interface ExpectedFinding {
  ruleId: string;
  pointer: string;
}

export interface RuleCase {
  name: string;
  type: DocumentType;
  doc: unknown;
  /** Every finding the rule must report, in any order; [] for a passing fixture. */
  findings: ExpectedFinding[];
  /** Expected level of every finding, when it matters. */
  level?: Level;
}

/**
 * A rule's table test, after Spectral's `testRule`: runs the rule alone (no
 * schema stage) on each case and compares `ruleId` and `pointer` of every
 * finding, so a rule that reports the right ID on the wrong node fails.
 */
export function testRule(rule: Rule, cases: RuleCase[]): void {
  describe(`rule ${rule.slug}`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const result = validate(c.doc, { type: c.type, rules: [rule], schema: false });
        const order = (a: ExpectedFinding, b: ExpectedFinding): number =>
          `${a.ruleId} ${a.pointer}`.localeCompare(`${b.ruleId} ${b.pointer}`);
        const actual = result.findings.map((f) => ({ ruleId: f.ruleId, pointer: f.pointer })).sort(order);
        expect(actual, JSON.stringify(result.findings, null, 1)).toEqual([...c.findings].sort(order));
        for (const f of result.findings) {
          expect(f.rule).toBe(rule.slug);
          if (c.level) expect(f.level).toBe(c.level);
        }
      });
    }
  });
}
