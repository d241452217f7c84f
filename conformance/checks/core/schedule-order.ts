import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { get } from '../../lib/context.js';
import { label, schedulesOf } from '../../lib/offers.js';
import { intervalMs } from '../../lib/time.js';

const PARTS = ['preparing', 'available', 'releasing'] as const;

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-SCH-07'],
  title:
    'In every schedule an offer states, preparing starts no later than available, and available no later than releasing',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1, { duration: 'PT10M' });
    let judged = 0;
    // A schedule may be stated on the session or on its components (spec/03 §3.6): each one is a plan of the
    // same three parts, so each is held to the same order.
    for (const [i, offer] of offers.entries()) {
      for (const { where, schedule } of schedulesOf(offer)) {
        const starts = PARTS.map((part) => ({ part, at: intervalMs(get(schedule, part, 'start'))?.start })).filter(
          (s): s is { part: (typeof PARTS)[number]; at: number } => s.at !== undefined,
        );
        if (starts.length < 2) continue;
        judged++;
        for (let k = 1; k < starts.length; k++) {
          const a = starts[k - 1] as { part: string; at: number };
          const b = starts[k] as { part: string; at: number };
          ctx.ensure(
            a.at <= b.at,
            `${label(offer, i)}: ${where}.${a.part}.start (${String(get(schedule, a.part, 'start'))}) is after ${where}.${b.part}.start (${String(get(schedule, b.part, 'start'))})`,
          );
        }
      }
    }
    if (judged === 0)
      ctx.na(
        'not applicable: no offer states two of preparing, available and releasing in any schedule (schedules are optional)',
      );
    return { outcome: 'pass', message: `${judged} schedule(s) in ${offers.length} offer(s), each in order` };
  },
});
