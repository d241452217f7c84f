import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isFinal } from '../../lib/context.js';
import { SHORTEST_RUN, accept, optionsProblem, seenPhases, transitionProblem } from '../../lib/lifecycle.js';

export default defineCheck({
  id: 'lifecycle-phases-follow-table',
  class: 'lifecycle',
  level: 'MUST',
  requirements: ['EB-LIFE-08', 'EB-LIFE-05', 'EB-LIFE-07', 'EB-UPD-02', 'EB-UPD-10'],
  title: 'While polled, an accepted session only moves along the transition table and always offers the options of its phase',
  async run(ctx: CheckContext) {
    // The shortest run the standard lets a request ask for; the poll lasts as long as the run's deadline allows.
    const { offers } = await ctx.offers(1, SHORTEST_RUN);
    const { url, session } = await accept(ctx, offers[0] as Record<string, unknown>);
    const { phases, sessions, last } = await ctx.poll(url, (s) => isFinal(s['phase']));
    // The accept answer may already show WAITING or later: the session went through ACCEPTED (EB-UPD-10).
    const all = seenPhases(String(session['phase']), phases);
    for (let i = 1; i < all.length; i++) {
      const problem = transitionProblem(all[i - 1] as string, all[i] as string);
      if (problem) ctx.fail(`${problem.message} (seen: ${all.join(' → ')})`, problem.requirement);
    }
    for (const s of [session, ...sessions]) {
      const problem = optionsProblem(s);
      ctx.ensure(!problem, problem ?? '', 'EB-LIFE-07');
    }
    if (!phases.some((p) => p !== String(session['phase'])) && !isFinal(last['phase'])) {
      // A broker may queue an accepted session for a long time; that is slow, not wrong, but little was seen.
      ctx.warn(`the session stayed ${String(last['phase'])} until the run's deadline, so only ${all.join(' → ')} and its options were checked; a longer --deadline sees more`);
    }
    const reached = isFinal(last['phase']) ? `reached ${String(last['phase'])}` : `still ${String(last['phase'])} when the run's deadline came`;
    return { outcome: 'pass', message: `${all.join(' → ')} (${reached})` };
  },
});
