import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label, offeredStart } from '../../lib/offers.js';
import { asArray, isDoc } from '../../lib/context.js';
import { iso } from '../../lib/time.js';
import { resultText, type Doc } from '../../lib/doc.js';

const DAY_MS = 86_400_000;

/**
 * A date ending a start/end interval is the end of that day (EB-SCH-11): `<day>T12:00:00Z/<day>` is the window
 * from noon to the end of `<day>`, the same as `<day>T12:00:00Z/<next day>T00:00:00Z`. A broker that reads the
 * date as its midnight sees a window that ends before it starts. The two forms are sent side by side, so a
 * broker with nothing free that afternoon is not held to an answer it could not give.
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-SCH-11'],
  title:
    'A start interval ending in a bare date runs to the end of that day, as the same window written with instants does',
  async run(ctx: CheckContext) {
    const day = iso(ctx.now() + DAY_MS).slice(0, 10);
    const noon = Date.parse(`${day}T12:00:00Z`);
    const end = Date.parse(`${day}T00:00:00Z`) + DAY_MS;
    const explicit = `${day}T12:00:00Z/${iso(end)}`;
    const dated = `${day}T12:00:00Z/${day}`;
    const control = await ctx.submit(ctx.request({ start: explicit, duration: 'PT10M' }));
    if (control.offerset['result'] !== 'YES')
      ctx.skip(
        `precondition not met: the window ${explicit} written with instants is answered NO, so there is nothing to compare`,
      );
    const sent = await ctx.post(ctx.url('/requests'), ctx.request({ start: dated, duration: 'PT10M' }), 'request', {
      format: 'json',
      accept: 'json',
      expect: 'offerset',
    });
    const code = isDoc(sent.value) && typeof sent.value['code'] === 'string' ? ` ${sent.value['code']}` : '';
    ctx.ensure(
      sent.status < 400,
      `the window ${dated} is refused with ${sent.status}${code}, while the same window written ${explicit} is answered YES: the end date was not read as the end of ${day}`,
    );
    const probe = await ctx.offersetAfter(sent);
    const offers = asArray(probe.offerset['offers']).filter(isDoc);
    ctx.ensure(
      probe.offerset['result'] === 'YES' && offers.length > 0,
      `the window ${dated} is answered ${resultText(probe.offerset['result'])}, while the same window written ${explicit} is answered YES: the end date was not read as the end of ${day}`,
    );
    let seen = 0;
    offers.forEach((offer: Doc, i) => {
      const s = offeredStart(offer);
      if (!s) return;
      seen++;
      ctx.ensure(
        s.start >= noon && s.end <= end,
        `${label(offer, i)} starts ${s.text}, outside ${dated} (noon to the end of ${day})`,
      );
    });
    return {
      outcome: 'pass',
      message: `${dated} was answered YES as ${explicit} was${seen > 0 ? `, and ${seen} offer(s) start inside it` : ''}`,
    };
  },
});
