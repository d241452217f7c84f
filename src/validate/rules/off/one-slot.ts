import { defineRule } from '../../rule.js';
import { isTimeError, parseInterval } from '../../iso8601.js';
import { isObject } from '../../../util/index.js';

/**
 * EB-OFF-14, decided as follows. An offer's slot is `schedule.available.start`.
 * Several slots in one offer (a list, or a repeating interval `R…/…`) break the
 * MUST: error. A single instant or interval is one slot, whatever its width:
 * spec §3.6 gives an offer `<instant>/<width>`, `PT0S` for an exact start or a
 * short width within which the session becomes available, so a width is not
 * reported at all (it was an info on nearly every offer, read as a breach).
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
      }
    }
  },
});
