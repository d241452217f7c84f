import { verdict, type CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { relativeLocation } from '../../lib/location.js';
import { uuidOf } from '../../lib/offers.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-06', 'EB-HTTP-09', 'EB-HTTP-17'],
  title: 'POST /requests answers 303 to /offersets/{uuid} (or 200), and the Location serves that offer set',
  async run(ctx: CheckContext) {
    const { first, offersetUrl, offerset } = await ctx.submit();
    if (first.status === 200) return { outcome: 'pass', message: 'answered 200 with the offer set (allowed)' };
    ctx.ensure(offersetUrl, '303 without a Location header', 'EB-HTTP-06');
    const m = /\/offersets\/([0-9a-f-]{36})\/?$/i.exec(new URL(offersetUrl).pathname);
    ctx.ensure(m, `the Location was wrong: ${offersetUrl} does not name /offersets/{uuid}`, 'EB-HTTP-06');
    ctx.ensure(
      uuidOf(offerset) === m[1],
      `the Location was wrong: the offer set at ${offersetUrl} has meta.uuid ${uuidOf(offerset) ?? '(none)'}, expected ${m[1]}`,
      'EB-HTTP-17',
    );
    const relative = relativeLocation(first.headers['location']);
    // Advice, not a requirement broken: EB-HTTP-06 is met by a Location that resolves to the offer set.
    if (relative) return verdict.warn(`303 → ${offersetUrl}, uuid matches; but ${relative}`);
    return { outcome: 'pass', message: `303 → ${offersetUrl}, uuid matches` };
  },
});
