import { defineRule } from '../../rule.js';
import { intervalBounds, isTimeError, parseInterval } from '../../iso8601.js';
import { isObject } from '../../../util/index.js';

/**
 * EB-OFF-14, decided as follows. An offer's slot is `schedule.available.start`.
 * Several slots in one offer (a list, or a repeating interval `R…/…`) break the
 * MUST: error. A single instant or a zero-length interval (`…/PT0S`, start =
 * end) is one exact slot: fine. A single interval wider than zero is still one
 * slot whose exact start the service has left open; the standard's own
 * examples do this, so it is reported for information only.
 */
export default defineRule({
  slug: 'one-slot',
  requirements: ['EB-OFF-14'],
  appliesTo: ['offerset', 'session'],
  check(ctx) {
    for (const s of ctx.nodes.sessions) {
      const sched = s.value.schedule;
      if (!isObject(sched) || !isObject(sched.available)) continue;
      const start = sched.available.start;
      const pointer = `${s.pointer}/schedule/available/start`;
      if (Array.isArray(start)) {
        if (start.length > 1) {
          ctx.report({
            requirement: 'EB-OFF-14',
            pointer,
            message: `the offer lists ${start.length} start slots; each alternative slot must be a separate offer`,
            params: { slots: start.length },
          });
        }
        continue;
      }
      if (typeof start !== 'string') continue;
      const iv = parseInterval(start);
      if (isTimeError(iv)) continue;
      if (iv.type === 'repeating') {
        ctx.report({
          requirement: 'EB-OFF-14',
          pointer,
          message: `the offer's start "${start}" repeats, so it covers several slots; each must be a separate offer`,
        });
        continue;
      }
      const b = intervalBounds(iv);
      if (b && b.end > b.start) {
        ctx.report({
          requirement: 'EB-OFF-14',
          lower: 'info',
          pointer,
          message: `the offer's start "${start}" is a window, not an exact start; the start is fixed only within it`,
          params: { windowMs: b.end - b.start },
        });
      }
    }
  },
});
