import { afterAll, beforeAll, describe, it } from 'vitest';
import { ALL_CHECKS, runConformance, type Check, type CheckResult } from '../../../conformance/index.js';
import { startEmbeddedBroker } from '../../../conformance/embedded.js';
import { outcomeForBroken } from '../../../conformance/lib/levels.js';
import { MUTANTS, type Mutant } from '../../../conformance/mutants/index.js';
import { levelOf } from '../../../conformance/runner.js';

type Running = Awaited<ReturnType<typeof startEmbeddedBroker>>;

/**
 * Runs one check alone against `url` (runConformance with a one-check selection). An `afterAll` check judges what
 * the others saw, so it runs after the quick checks of the classes that read what it judges: a lifecycle check
 * after the lifecycle checks (they end sessions), any other after those that read offer sets and error documents.
 */
async function runOne(check: Check, url: string): Promise<CheckResult | undefined> {
  const classes = check.class === 'lifecycle' ? ['lifecycle'] : ['core', 'errors'];
  const companions = check.afterAll
    ? ALL_CHECKS.filter((c) => !c.afterAll && !c.slow && classes.includes(c.class))
    : [];
  const report = await runConformance({ target: url, checks: [...companions, check], deadlineMs: 30_000 });
  return report.checks.find((c) => c.id === check.id);
}

/** The mutants built to break `id`: those whose `catches` or `warns` name it. */
export function mutantsOf(id: string): Mutant[] {
  return MUTANTS.filter((m) => m.catches.includes(id) || (m.warns ?? []).includes(id));
}

/**
 * A conformance check's test, after `testRule` (test/validate/helpers/test-rule.ts): the check runs alone against
 * the conformant reference broker, where it must pass, and against every mutant of conformance/mutants that names
 * it, where it must fail, warn or inform as the register's level of the broken requirement says (a mutant's
 * `warns` asks for a warn on a MUST check's SHOULD part), naming the requirement it found broken. One reference
 * broker serves the file; the cases run concurrently, since a check spends its time waiting on the broker.
 */
export function testCheck(
  id: string,
  /**
   * What the reference broker gets: `pass`, or `na` for a check of something it does not do (its proof of a pass
   * is then a broker that does, in test/conformance/independent-broker.test.ts).
   */
  opts: { reference?: 'pass' | 'na' } = {},
): void {
  const check = ALL_CHECKS.find((c) => c.id === id);
  describe(`check ${id}`, () => {
    let reference: Running | undefined;
    beforeAll(async () => {
      reference = await startEmbeddedBroker();
    });
    afterAll(async () => reference?.close());

    const expected = opts.reference ?? 'pass';
    it.concurrent(
      `${expected === 'pass' ? 'passes' : 'is not applicable'} against the reference broker`,
      async ({ expect }) => {
        expect(check, `no check ${id} in conformance/checks`).toBeDefined();
        if (!check || !reference) return;
        const result = await runOne(check, reference.url);
        expect(result?.outcome, result?.message).toBe(expected);
      },
    );

    const mutants = mutantsOf(id);
    it('is broken by at least one mutant', ({ expect }) => {
      expect(mutants.map((m) => m.id)).not.toEqual([]);
    });
    for (const mutant of mutants) {
      it.concurrent(`catches mutant ${mutant.id}`, async ({ expect }) => {
        if (!check) return;
        const expected = (mutant.warns ?? []).includes(id) ? 'warn' : outcomeForBroken(levelOf(check));
        const server = await mutant.start();
        try {
          const result = await runOne(check, server.url);
          expect(result?.outcome, result?.message).toBe(expected);
          expect(result?.broken?.requirement, 'the requirement found broken').toBeDefined();
        } finally {
          await server.close();
        }
      });
    }
  });
}

/** Runs check `id` alone against mutant `mutantId` (each looked up by id, and required to exist). */
async function resultAgainst(id: string, mutantId: string): Promise<CheckResult | undefined> {
  const check = ALL_CHECKS.find((c) => c.id === id);
  const mutant = MUTANTS.find((m) => m.id === mutantId);
  if (!check) throw new Error(`no check ${id}`);
  if (!mutant) throw new Error(`no mutant ${mutantId}`);
  const server = await mutant.start();
  try {
    return await runOne(check, server.url);
  } finally {
    await server.close();
  }
}

/**
 * Asserts that check `id`, run against mutant `mutantId`, fails naming `requirement` as the one found broken: a
 * check that lists several requirements must hold a fault against the one it breaks (STYLE.md item 24).
 */
export function testBrokenFor(id: string, mutantId: string, requirement: string): void {
  it(`holds mutant ${mutantId} against ${requirement}`, async ({ expect }) => {
    const result = await resultAgainst(id, mutantId);
    expect(result?.outcome, result?.message).toBe('fail');
    expect(result?.broken?.requirement, result?.message).toBe(requirement);
  });
}

/**
 * Asserts that check `id`, run against mutant `mutantId` (a fault another check is there to catch), ends as
 * `outcome` with a message matching `message`: a check whose premise the fault removes says so, rather than fail
 * the broker on a story it did not tell.
 */
export function testOutcomeFor(id: string, mutantId: string, outcome: string, message: RegExp): void {
  it(`ends ${outcome} against mutant ${mutantId}`, async ({ expect }) => {
    const result = await resultAgainst(id, mutantId);
    expect(result?.outcome, result?.message).toBe(outcome);
    expect(result?.message).toMatch(message);
  });
}
