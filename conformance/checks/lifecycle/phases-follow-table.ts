import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isFinal } from '../../lib/context.js';
import {
  RELEASING_VISIBLE_MS,
  SHORTEST_RUN,
  accept,
  completedJumps,
  optionsProblem,
  seenPhases,
  skippedPreparing,
  transitionProblem,
} from '../../lib/lifecycle.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-08', 'EB-LIFE-05', 'EB-LIFE-07', 'EB-UPD-02', 'EB-UPD-10'],
  title:
    'While polled, an accepted session only moves along the transition table and always offers the options of its phase',
  async run(ctx: CheckContext) {
    // The shortest run the standard lets a request ask for; the poll lasts as long as the run's deadline allows.
    const { offers } = await ctx.offers(1, SHORTEST_RUN);
    const acceptSent = ctx.now();
    const { url, session: answer } = await accept(ctx, offers[0] as Record<string, unknown>);
    // A 200 to the accept means the session was accepted; an answer still showing OFFERED is stale, which is
    // EB-UPD-08's to judge (lifecycle-accept), so the phases are read as from ACCEPTED.
    ctx.judgeOrNote(
      answer['phase'] !== 'OFFERED',
      'the 200 answer to the accept still shows OFFERED, not the session after the change',
      'EB-UPD-08',
    );
    const session = answer['phase'] === 'OFFERED' ? { ...answer, phase: 'ACCEPTED' } : answer;
    const accepted = { phase: String(session['phase']), sent: acceptSent, received: ctx.now() };
    const { phases, sessions, last, at } = await ctx.poll(url, (s) => isFinal(s['phase']));
    // The accept answer may already show WAITING or later: the session went through ACCEPTED (EB-UPD-10).
    const all = seenPhases(String(session['phase']), phases);
    // A jump to COMPLETED between reads a second or less apart skipped RELEASING; further apart, it may have hidden.
    const jumps = completedJumps([
      accepted,
      ...sessions.map((s, i) => ({ phase: String(s['phase']), ...(at[i] ?? accepted) })),
    ]);
    const unseen = jumps.find((j) => j.gapMs > RELEASING_VISIBLE_MS);
    for (let i = 1; i < all.length; i++) {
      const problem = transitionProblem(all[i - 1] as string, all[i] as string);
      if (problem?.requirement === 'EB-LIFE-05' && unseen) continue;
      if (problem)
        ctx.fail(
          `${problem.message} (seen: ${all.join(' → ')}${jumps[0] ? `; the reads before and at COMPLETED were ${jumps[0].gapMs} ms apart` : ''})`,
          problem.requirement,
        );
    }
    // A jump along the table may hide a brief phase; PREPARING the broker states and plainly did not go through
    // is a skipped one.
    const skipped = skippedPreparing([
      { ...accepted, session },
      ...sessions.map((s, i) => ({ phase: String(s['phase']), ...(at[i] ?? accepted), session: s })),
    ]);
    if (skipped) ctx.fail(`${skipped.message} (seen: ${all.join(' → ')})`, 'EB-LIFE-08');
    for (const s of [...(answer === session ? [answer] : []), ...sessions]) {
      const problem = optionsProblem(s);
      ctx.ensure(!problem, problem ?? '', 'EB-LIFE-07');
    }
    if (!phases.some((p) => p !== String(session['phase'])) && !isFinal(last['phase'])) {
      // A broker may queue an accepted session for a long time; that is slow, not wrong, but little was seen.
      ctx.warn(
        `the session stayed ${String(last['phase'])} until the run's deadline, so only ${all.join(' → ')} and its options were checked; a longer --deadline sees more`,
      );
    }
    if (unseen) {
      ctx.warn(
        `the session went ${unseen.from} → COMPLETED between two reads ${unseen.gapMs} ms apart (the broker answers slowly), so a brief RELEASING may have gone unseen (EB-LIFE-05 not judged); seen: ${all.join(' → ')}`,
      );
    }
    const reached = isFinal(last['phase'])
      ? `reached ${String(last['phase'])}`
      : `still ${String(last['phase'])} when the run's deadline came`;
    return { outcome: 'pass', message: `${all.join(' → ')} (${reached})` };
  },
});
