import { defineRule, type RuleContext } from '../../rule.js';
import {
  intervalBounds,
  isTimeError,
  parseDuration,
  parseInstant,
  parseInterval,
  type TimeError,
} from '../../iso8601.js';
import type { TimeNode } from '../../walker.js';
import { show } from '../../schema-stage.js';

/**
 * Times must be real calendar values (the schema patterns let 30 February
 * through) and a requested start is an instant or a start-based interval whose
 * end is not before its start.
 */
function fail(ctx: RuleContext, node: TimeNode, err: TimeError, what: string): void {
  ctx.report({
    requirement: err.error === 'calendar' ? 'EB-DM-05' : 'EB-SCH-05',
    pointer: node.pointer,
    message:
      err.error === 'calendar'
        ? `${node.pointer} is not a real calendar date and time: ${err.reason}`
        : `${node.pointer} must be ${what}: ${err.reason}`,
    params: { value: node.value },
  });
}

export default defineRule({
  slug: 'time-values',
  requirements: ['EB-SCH-01', 'EB-SCH-05', 'EB-SCH-08', 'EB-DM-05'],
  appliesTo: ['request', 'offerset', 'session'],
  check(ctx) {
    for (const node of ctx.nodes.times) {
      const text = node.value;
      if (typeof text !== 'string') continue;
      switch (node.syntax) {
        case 'date-time': {
          const r = parseInstant(text);
          if (isTimeError(r)) fail(ctx, node, r, 'an RFC 3339 date-time');
          else if (r.dateOnly)
            fail(ctx, node, { error: 'syntax', reason: `${show(text)} has no time of day` }, 'an RFC 3339 date-time');
          break;
        }
        case 'instant': {
          const r = parseInstant(text);
          if (isTimeError(r)) fail(ctx, node, r, 'an ISO 8601 instant');
          break;
        }
        case 'duration': {
          const r = parseDuration(text);
          if (isTimeError(r)) fail(ctx, node, r, 'an ISO 8601 duration');
          break;
        }
        case 'start': {
          const r = parseInterval(text);
          if (isTimeError(r)) {
            fail(ctx, node, r, 'an ISO 8601 instant or interval');
            break;
          }
          if (
            r.type === 'duration-end' ||
            r.type === 'duration' ||
            r.type === 'repeating' ||
            r.type === 'abbreviated-end'
          ) {
            const form = {
              'duration-end': 'a duration/end interval',
              duration: 'a bare duration',
              repeating: 'a repeating interval',
              'abbreviated-end': 'an interval with an abbreviated end (write the end in full)',
            }[r.type];
            ctx.report({
              requirement: 'EB-SCH-01',
              pointer: node.pointer,
              message: `a start must be an instant, a date, a start/end or a start/duration interval, found ${form} ${show(text)}`,
              params: { value: text, form: r.type },
            });
          } else if (r.type === 'start-end' && (intervalBounds(r)?.end ?? 0) < r.start.ms) {
            ctx.report({
              requirement: 'EB-SCH-08',
              pointer: node.pointer,
              message: `the interval ${show(text)} ends before it starts`,
              params: { value: text },
            });
          }
          break;
        }
      }
    }
  },
});
