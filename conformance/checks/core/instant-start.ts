import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { quarterHourAhead, statedStartsFor } from '../../lib/offered-starts.js';
import { iso } from '../../lib/time.js';

/**
 * A bare instant asks for a start at that moment (EB-SCH-03): it is a start range of no width, so an offer for it
 * starts then, its start window `<instant>/PT0S`, or the broker answers NO. An offer that starts later, or in a
 * window reaching past it, starts outside the range (EB-OFF-12), as `compare` judges an offer set against its
 * request: it reads the instant as "not before".
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-12', 'EB-SCH-03'],
  title: 'Offers for a bare instant start at that instant',
  async run(ctx: CheckContext) {
    // The quarter hour after core-narrow-window's.
    const at = quarterHourAhead(ctx, 1);
    const instant = iso(at);
    const stated = await statedStartsFor(ctx, instant);
    for (const { name, start: s } of stated)
      ctx.ensure(
        s.start === at && s.end === at,
        `${name} starts ${s.text} (${s.where}), where the request asked for a start at ${instant}: a bare instant is a start range of no width (EB-SCH-03)`,
        'EB-OFF-12',
      );
    return { outcome: 'pass', message: `${stated.length} offer(s) for ${instant}, each starting at it` };
  },
});
