import { isUnacceptedPhase } from '../../../src/model/index.js';
import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isActive, isFinal } from '../../lib/context.js';
import {
  SHORTEST_RUN,
  SKIP_BREAKS,
  accept,
  lateStartAdvice,
  optionsProblem,
  phaseJumps,
  phaseWindowWait,
  seenPhases,
  transitionProblem,
  unseenNote,
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
    // Reads are packed where the broker's schedule says PREPARING and RELEASING will be, so a brief one is seen.
    const { phases, sessions, last, at } = await ctx.poll(
      url,
      (s) => isFinal(s['phase']),
      undefined,
      (s, now) => phaseWindowWait(s, now),
    );
    // A 200 whose session still showed OFFERED, and every read after it unaccepted (OFFERED, then perhaps EXPIRED):
    // the accept was not carried out. That is no move along the table but a broken accept, lifecycle-accept's to
    // judge (EB-UPD-08); with no accepted session there are no phases to follow. A session that shows its acceptance
    // late (OFFERED, then ACCEPTED) is followed and judged as before.
    if (answer['phase'] === 'OFFERED' && phases.length > 0 && phases.every(isUnacceptedPhase))
      ctx.skip(
        `the accept was answered 200 but the session reads OFFERED afterwards: it was not accepted, so there are no phases of an accepted session to follow (EB-UPD-08, judged by lifecycle-accept)`,
      );
    // The accept answer may already show WAITING or later: the session went through ACCEPTED (EB-UPD-10).
    const all = seenPhases(String(session['phase']), phases);
    const reads = [
      { ...accepted, session },
      ...sessions.map((s, i) => ({ phase: String(s['phase']), ...(at[i] ?? accepted), session: s })),
    ];
    // A jump past PREPARING or RELEASING fails only when the reads prove the phase skipped, not merely unseen; one
    // past AVAILABLE, which no schedule states apart from RUNNING, is only ever noted.
    const jumps = (['PREPARING', 'AVAILABLE', 'RELEASING'] as const).flatMap((p) => phaseJumps(reads, p));
    for (let i = 1; i < all.length; i++) {
      const from = all[i - 1] as string;
      const problem = transitionProblem(from, all[i] as string);
      // An active session that reads COMPLETED next may have had a RELEASING between the reads: judged below.
      if (problem?.requirement === 'EB-LIFE-05' && isActive(from)) continue;
      if (problem) ctx.fail(`${problem.message} (seen: ${all.join(' → ')})`, problem.requirement);
    }
    // A run seen skipping both is held first to the end it skipped (EB-LIFE-05), as the table check was.
    const skipped = [...jumps].reverse().find((j) => j.skipped !== undefined);
    if (skipped) ctx.fail(`${skipped.skipped} (seen: ${all.join(' → ')})`, SKIP_BREAKS[skipped.phase]);
    for (const s of [...(answer === session ? [answer] : []), ...sessions]) {
      const problem = optionsProblem(s);
      ctx.ensure(!problem, problem ?? '', 'EB-LIFE-07');
    }
    if (!isFinal(last['phase'])) {
      // A broker may queue or run an accepted session for a long time; that is slow, not wrong, but the rest of the
      // lifecycle (RELEASING before the end, EB-LIFE-05) was never seen: not judged, rather than a pass.
      const stayed = !phases.some((p) => p !== String(session['phase']));
      ctx.skip(
        `precondition not met: the session ${stayed ? 'stayed' : 'was still'} ${String(last['phase'])} when the run's deadline came, so only ${all.join(' → ')} and its options were checked (they follow the table); ${lateStartAdvice(ctx, last, 'sees the rest')}`,
      );
    }
    const unseen = jumps.map(unseenNote);
    for (const note of unseen) ctx.note(note);
    const reached = `reached ${String(last['phase'])}`;
    return {
      outcome: 'pass',
      message: `${all.join(' → ')} (${reached})${unseen.length ? `; ${unseen.join('; ')}` : ''}`,
    };
  },
});
