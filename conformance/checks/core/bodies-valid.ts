import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { requirementLevel } from '../../lib/levels.js';
import type { RequirementId } from '../../verdict.js';
import type { CheckResult, Evidence } from '../../types.js';
import { SCHEMA_STAGE_REQUIREMENTS } from '../../../src/validate/schema-stage.js';

/**
 * The MUST requirements a body breaks by not being valid against the JSON Schema of its type (the schema stage
 * files each error under one). The data-model rules past the schema stay with the checks that cite them.
 */
const REQUIREMENTS: RequirementId[] = SCHEMA_STAGE_REQUIREMENTS.filter((id) => requirementLevel(id) === 'MUST');

interface Unjudged {
  check: CheckResult;
  evidence: Evidence;
  finding: NonNullable<Evidence['findings']>[number];
}

/**
 * Each check judges only the findings of its own requirements on the bodies it reads; one under another
 * requirement is a note there (STYLE.md item 24). This check judges those notes: without it a MUST-level error in,
 * say, a NO offer set or an error document that no check lists was counted in the report and never failed the run.
 */
export default defineCheck({
  level: 'MUST',
  requirements: REQUIREMENTS,
  afterAll: true,
  title:
    'Every body the broker sent during the run is valid against its schema (each error the check that read it does not judge)',
  async run(ctx: CheckContext) {
    const earlier = ctx.earlierResults();
    if (earlier.length === 0) ctx.na('no other check ran, so no body was read');
    const unjudged: Unjudged[] = earlier.flatMap((check) =>
      check.evidence.flatMap((evidence) =>
        (evidence.findings ?? [])
          .filter((f) => f.level === 'error' && !check.requirements.includes(f.ruleId) && ctx.judges(f.ruleId))
          .map((finding) => ({ check, evidence, finding })),
      ),
    );
    // A check that errored read fewer bodies than it would have; what it did read is judged here like any other.
    // Its error already leaves the run unjudged (exit 3): skipping here as well said one problem twice.
    const broken = earlier.filter((c) => c.outcome === 'error');
    const answers = earlier.reduce((n, c) => n + c.evidence.filter((e) => e.status !== undefined).length, 0);
    if (unjudged.length === 0)
      return {
        outcome: 'pass',
        message: `no validation error left unjudged in the ${answers} answers of the run${broken.length > 0 ? ` (${broken.length} check(s) ended in an error before reading all theirs: ${broken.map((c) => c.id).join(', ')})` : ''}`,
      };
    // One example per requirement, from the exchange that showed it first.
    const byRule = new Map<string, Unjudged[]>();
    for (const u of unjudged) {
      const list = byRule.get(u.finding.ruleId);
      if (list) list.push(u);
      else byRule.set(u.finding.ruleId, [u]);
    }
    for (const [ruleId, [first]] of byRule)
      if (first)
        ctx.evidence.push({
          ...first.evidence,
          note: `${ruleId} at ${first.finding.pointer || '/'}: ${first.finding.message} (seen by ${first.check.id})`,
        });
    const summary = [...byRule]
      .map(
        ([ruleId, list]) =>
          `${ruleId} ×${list.length} (first in ${list[0]?.check.id}: ${list[0]?.finding.pointer || '/'}: ${list[0]?.finding.message})`,
      )
      .join('; ');
    const first = unjudged[0]?.finding.ruleId;
    ctx.fail(
      `${unjudged.length} validation error(s) on bodies the broker sent, judged by no other check: ${summary}`,
      REQUIREMENTS.find((r) => r === first),
    );
  },
});
