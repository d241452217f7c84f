import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { quarterHourAhead, statedStartsFor } from '../../lib/offered-starts.js';
import { iso } from '../../lib/time.js';

/** Narrower than the start windows a broker may state by habit; it starts on a quarter hour, where any grid can. */
const WIDTH_MS = 60_000;

/**
 * A window narrower than what a broker offers by habit: each offered start window must still fit inside it
 * (EB-OFF-12). The wide windows of `core-start-in-interval` cannot see a broker that states every start as its
 * own fixed-width window: that fits inside two hours, and overflows one minute.
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-12'],
  title: 'Offers for a start window of one minute start inside it, their own start windows included',
  async run(ctx: CheckContext) {
    const from = quarterHourAhead(ctx);
    const to = from + WIDTH_MS;
    const window = `${iso(from)}/${iso(to)}`;
    const stated = await statedStartsFor(ctx, window);
    for (const { name, start: s } of stated) {
      const overflows = s.start >= from && s.start <= to;
      ctx.ensure(
        s.start >= from && s.end <= to,
        `${name} starts ${s.text} (${s.where}), which is not inside the requested window ${window}${overflows ? ': its start window runs past the requested end' : ''}`,
        'EB-OFF-12',
      );
    }
    return { outcome: 'pass', message: `${stated.length} offer(s) for ${window}, each with its start inside it` };
  },
});
