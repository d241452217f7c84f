import { defineRule } from '../../rule.js';
import { intervalBounds, isTimeError, parseInterval } from '../../iso8601.js';
import { isObj } from '../../walker.js';

function startOf(block: unknown): number | undefined {
  if (!isObj(block) || typeof block.start !== 'string') return undefined;
  const iv = parseInterval(block.start);
  if (isTimeError(iv)) return undefined;
  return intervalBounds(iv)?.start;
}

/** A session is prepared before it is available, and available before it is released. */
export default defineRule({
  slug: 'schedule-order',
  requirements: ['EB-SCH-07'],
  appliesTo: ['offerset', 'session'],
  check(ctx) {
    for (const s of ctx.nodes.sessions) {
      const sched = s.value.schedule;
      if (!isObj(sched)) continue;
      const steps = (['preparing', 'available', 'releasing'] as const)
        .map((step) => ({ step, start: startOf(sched[step]) }))
        .filter((x): x is { step: 'preparing' | 'available' | 'releasing'; start: number } => x.start !== undefined);
      for (let i = 1; i < steps.length; i++) {
        const a = steps[i - 1]!;
        const b = steps[i]!;
        if (a.start > b.start) {
          ctx.report({
            requirement: 'EB-SCH-07',
            pointer: `${s.pointer}/schedule/${b.step}/start`,
            message: `the ${b.step} start is before the ${a.step} start; the order must be preparing ≤ available ≤ releasing`,
            params: { before: a.step, after: b.step },
          });
        }
      }
    }
  },
});
