import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isFinal } from '../../lib/context.js';
import { TRANSITIONS } from '../../lib/fixtures.js';
import { accept, optionsProblem } from '../../lib/lifecycle.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-08', 'EB-LIFE-05', 'EB-LIFE-07', 'EB-UPD-02'],
  title: 'While polled, an accepted session only moves along the transition table and always offers the options of its phase',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const { url, session } = await accept(ctx, offers[0] as Record<string, unknown>);
    const { phases, sessions, last } = await ctx.poll(url, (s) => isFinal(s['phase']));
    const all = ['OFFERED', String(session['phase']), ...phases].filter((p, i, a) => a[i - 1] !== p);
    for (let i = 1; i < all.length; i++) {
      const from = all[i - 1] as string;
      const to = all[i] as string;
      ctx.ensure((TRANSITIONS[from] ?? []).includes(to), `phase moved ${from} → ${to}, which the transition table does not allow (seen: ${all.join(' → ')})`);
    }
    for (const s of [session, ...sessions]) {
      const problem = optionsProblem(s);
      ctx.ensure(!problem, problem ?? '');
    }
    if (all.length <= 2 && !isFinal(last['phase'])) {
      // A broker may queue an accepted session for a long time; that is slow, not wrong, but little was seen.
      ctx.warn(`the session stayed ${String(last['phase'])} for the whole wait budget, so only OFFERED → ${String(last['phase'])} and its options were checked`);
    }
    const reached = isFinal(last['phase']) ? `reached ${String(last['phase'])}` : `still ${String(last['phase'])} when the wait budget ran out`;
    return { outcome: 'pass', message: `${all.join(' → ')} (${reached})` };
  },
});
