import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label, offeredStart } from '../../lib/offers.js';
import { asArray, isDoc } from '../../lib/context.js';
import { iso } from '../../lib/time.js';

const DAY_MS = 86_400_000;

/**
 * The start forms the standard allows beyond a zoned date-time interval: a bare date (the whole day in UTC,
 * EB-SCH-11) and an instant without an offset (UTC, EB-SCH-10). A broker must read them, not refuse them, and
 * offers must start inside the range read that way.
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-SCH-01', 'EB-SCH-10', 'EB-SCH-11'],
  title: 'A bare date and an instant without an offset are accepted as start ranges, read as UTC',
  async run(ctx: CheckContext) {
    const day = iso(Date.now() + DAY_MS).slice(0, 10);
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    const from = Date.now() + 30 * 60_000;
    const local = `${iso(from).replace(/Z$/, '')}/PT2H`;
    const probes = [
      {
        start: day,
        lo: dayStart,
        hi: dayStart + DAY_MS,
        what: `the bare date ${day} (its whole UTC day)`,
        requirement: 'EB-SCH-11' as const,
      },
      {
        start: local,
        lo: Math.floor(from / 1000) * 1000,
        hi: from + 2 * 3600_000,
        what: `the offset-free window ${local} (read as UTC)`,
        requirement: 'EB-SCH-10' as const,
      },
    ];
    let seen = 0;
    let offered = 0;
    for (const p of probes) {
      const { offerset } = await ctx.submitForOffers(ctx.request({ start: p.start, duration: 'PT10M' }));
      const offers = asArray(offerset['offers']).filter(isDoc);
      offered += offers.length;
      offers.forEach((offer, i) => {
        const s = offeredStart(offer);
        if (!s) return;
        seen++;
        // An offer outside the range misreads the form (the form's own requirement), not its syntax (EB-SCH-01).
        ctx.ensure(
          s.start >= p.lo && s.end <= p.hi,
          `${label(offer, i)} starts ${s.text}, outside ${p.what}`,
          p.requirement,
        );
      });
    }
    if (offered === 0)
      ctx.skip('precondition not met: both start forms were answered without offers, so no start can be compared');
    if (seen === 0)
      ctx.skip('precondition not met: no offer states schedule.available.start, so the starts cannot be compared');
    return { outcome: 'pass', message: `both start forms were read, and ${seen} offer(s) start inside them` };
  },
});
