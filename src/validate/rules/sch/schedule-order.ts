import { defineRule } from '../../rule.js';
import { intervalBounds, isTimeError, parseInterval } from '../../iso8601.js';
import { isObject } from '../../../util/index.js';

function startOf(block: unknown): number | undefined {
  if (!isObject(block) || typeof block.start !== 'string') return undefined;
  const iv = parseInterval(block.start);
  if (isTimeError(iv)) return undefined;
  return intervalBounds(iv)?.start;
}

const STEPS = ['preparing', 'available', 'releasing'] as const;

/** A session is prepared before it is available, and available before it is released. */
export default defineRule({
  slug: 'schedule-order',
  requirements: ['EB-SCH-07'],
  appliesTo: ['offerset', 'session'],
  check(ctx) {
    for (const s of ctx.nodes.sessions) {
      const sched = s.value.schedule;
      if (!isObject(sched)) continue;
      let prev: { step: string; start: number } | undefined;
      for (const step of STEPS) {
        const start = startOf(sched[step]);
        if (start === undefined) continue;
        if (prev && prev.start > start) {
          ctx.report({
            requirement: 'EB-SCH-07',
            pointer: `${s.pointer}/schedule/${step}/start`,
            message: `the ${step} start is before the ${prev.step} start; the order must be preparing ≤ available ≤ releasing`,
            params: { before: prev.step, after: step },
          });
        }
        prev = { step, start };
      }
    }
  },
});
