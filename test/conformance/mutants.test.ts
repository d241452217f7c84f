import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../conformance/index.js';
import { MUTANTS } from '../../conformance/mutants/index.js';
import { UNBREAKABLE } from '../../conformance/mutants/unbreakable.js';
import { REQUIREMENTS } from '../../src/model/requirements.js';

const byId = new Map(ALL_CHECKS.map((c) => [c.id, c]));

// Each mutant is run against the checks it names in the test file of each of those checks
// (test/conformance/checks/<class>/<name>.test.ts, through testCheck); here, what the catalogue promises.
describe('mutants', () => {
  it('are at least 15', () => expect(MUTANTS.length).toBeGreaterThanOrEqual(15));

  it('name only checks that exist, each of which has its own test file to run them', () => {
    for (const m of MUTANTS)
      for (const id of [...m.catches, ...(m.warns ?? [])]) expect(byId.has(id), `${m.id} names ${id}`).toBe(true);
  });
});

describe('every requirement a check claims can make a check fail', () => {
  const known = new Set<string>(REQUIREMENTS.map((r) => r.id));
  const cited = new Map<string, string[]>();
  for (const c of ALL_CHECKS) for (const r of c.requirements) cited.set(r, [...(cited.get(r) ?? []), c.id]);

  it('each mutant breaks registered requirements, each cited by a check that catches it', () => {
    for (const m of MUTANTS) {
      expect(m.requirements.length, m.id).toBeGreaterThan(0);
      const targets = [...m.catches, ...(m.warns ?? [])];
      expect(targets.length, m.id).toBeGreaterThan(0);
      for (const r of m.requirements) {
        expect(known.has(r), `${m.id} names ${r}, which the register lacks`).toBe(true);
        expect(
          targets.some((id) => byId.get(id)?.requirements.includes(r)),
          `${m.id} breaks ${r}, but none of ${targets.join(', ')} cites it`,
        ).toBe(true);
      }
    }
  });

  it('has, for every cited requirement, a mutant caught by a check citing it, or a reason in UNBREAKABLE', () => {
    const unproven: string[] = [];
    for (const [r, checks] of cited) {
      const proof = MUTANTS.some(
        (m) =>
          m.requirements.some((x) => x === r) && [...m.catches, ...(m.warns ?? [])].some((id) => checks.includes(id)),
      );
      if (proof) expect(UNBREAKABLE[r], `${r} has a mutant, so it must not be listed as unbreakable`).toBeUndefined();
      else if (!UNBREAKABLE[r]) unproven.push(`${r} (cited by ${checks.join(', ')})`);
    }
    expect(unproven).toEqual([]);
    for (const r of Object.keys(UNBREAKABLE))
      expect(cited.has(r), `${r} is listed as unbreakable but no check cites it`).toBe(true);
  });
});
