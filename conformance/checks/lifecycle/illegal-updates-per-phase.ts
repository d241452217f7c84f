import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isFinal, phaseOptions } from '../../lib/context.js';
import type { Doc } from '../../lib/context.js';
import { accept } from '../../lib/lifecycle.js';
import { ENUM_UPDATE } from '../../lib/fixtures.js';

const PHASE_VALUES = ['ACCEPTED', 'REJECTED', 'CANCELLED', 'OFFERED', 'COMPLETED', 'RUNNING'];

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-04', 'EB-UPD-06', 'EB-LIFE-03'],
  title: 'In every phase reached, updates the options do not offer are refused with 409 and change nothing',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const url = ctx.sessionUrl(offers[0]);
    const tried: string[] = [];
    const probe = async (session: Doc) => {
      const phase = String(session['phase']);
      const offered = phaseOptions(session) ?? [];
      // Only service-driven or unadvertised values; one per phase keeps the run short.
      const value = PHASE_VALUES.find((v) => !offered.includes(v) && v !== phase);
      if (!value) return;
      const ex = await ctx.update(url, value);
      const now = await ctx.session(url);
      ctx.expectRefusal(ex, [409], `${value} in phase ${phase}`, ['UPDATE_NOT_OFFERED', 'OFFER_EXPIRED', 'OFFER_WITHDRAWN']);
      ctx.ensure(now['phase'] !== value, `the refused ${value} in phase ${phase} changed the session to ${value}`);
      tried.push(`${phase}:${value}`);
    };
    const bad = await ctx.post(url, { kind: ENUM_UPDATE, path: 'compute/cores', value: '64' }, 'update', { format: 'json', accept: 'json' });
    ctx.expectRefusal(bad, [409, 422], 'an update of a path the session does not offer');
    await probe(await ctx.session(url));
    await accept(ctx, offers[0] as Doc);
    let last = '';
    const until = Date.now() + 6_000;
    for (;;) {
      const s = await ctx.session(url);
      if (s['phase'] !== last) {
        last = String(s['phase']);
        await probe(s);
      }
      if (isFinal(s['phase']) || Date.now() > until) break;
      await ctx.sleep(200);
    }
    ctx.ensure(tried.length > 0, 'no phase was probed');
    return { outcome: 'pass', message: `refused as expected: ${tried.join(', ')}` };
  },
});
