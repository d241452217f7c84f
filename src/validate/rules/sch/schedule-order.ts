import { defineRule } from '../../rule.js';
import { intervalBounds, isTimeError, parseInterval } from '../../iso8601.js';
import { isObject, type JsonRecord } from '../../../util/index.js';
import type { SessionNode } from '../../walker.js';

function startOf(block: unknown): number | undefined {
  if (!isObject(block) || typeof block.start !== 'string') return undefined;
  const iv = parseInterval(block.start);
  if (isTimeError(iv)) return undefined;
  return intervalBounds(iv)?.start;
}

const STEPS = ['preparing', 'available', 'releasing'] as const;

/** The session and each of its components that has a lifecycle, with where they are. */
function planned(session: SessionNode): { pointer: string; value: JsonRecord }[] {
  const { scope } = session;
  return [
    session,
    ...(scope.executable ? [scope.executable] : []),
    ...(scope.compute ? [scope.compute] : []),
    ...scope.volumes,
    ...scope.storage,
    ...scope.data,
  ];
}

/**
 * A session is prepared before it is available, and available before it is released. The register records that
 * EB-SCH-07 holds for every schedule an offer states: a component's schedule is the same plan as a session's.
 */
export default defineRule({
  slug: 'schedule-order',
  requirements: ['EB-SCH-07'],
  appliesTo: ['offerset', 'session'],
  check(ctx) {
    for (const s of ctx.nodes.sessions) {
      for (const node of planned(s)) {
        const sched = node.value.schedule;
        if (!isObject(sched)) continue;
        let prev: { step: string; start: number } | undefined;
        for (const step of STEPS) {
          const start = startOf(sched[step]);
          if (start === undefined) continue;
          if (prev && prev.start > start) {
            ctx.report({
              requirement: 'EB-SCH-07',
              pointer: `${node.pointer}/schedule/${step}/start`,
              message: `the ${step} start is before the ${prev.step} start; the order must be preparing ≤ available ≤ releasing`,
              params: { before: prev.step, after: step },
            });
          }
          prev = { step, start };
        }
      }
    }
  },
});
