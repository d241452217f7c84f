import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isFinal, phaseOptions } from '../../lib/context.js';
import type { Doc } from '../../lib/context.js';
import { SHORTEST_RUN, accept } from '../../lib/lifecycle.js';
import { ENUM_UPDATE } from '../../lib/fixtures.js';
import { expiredBefore, lapsed } from '../../lib/offers.js';

/**
 * The value probed in a phase is the first here its options do not offer: CANCELLED first, the update a client
 * sends most and a broker most easily lets through where it is not offered (RELEASING, a final phase); then
 * ACCEPTED where CANCELLED is offered (the active phases).
 */
const PHASE_VALUES = ['CANCELLED', 'ACCEPTED', 'REJECTED', 'OFFERED', 'COMPLETED', 'RUNNING'];

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-04', 'EB-UPD-06', 'EB-LIFE-03'],
  title: 'In every phase reached, updates the options do not offer are refused with 409 and change nothing',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1, SHORTEST_RUN);
    const url = ctx.sessionUrl(offers[0]);
    const tried: string[] = [];
    /** Sends one update the options do not offer; the session as read after it, with the value sent. */
    const probe = async (session: Doc): Promise<{ value: string; now: Doc } | undefined> => {
      const phase = String(session['phase']);
      const offered = phaseOptions(session) ?? [];
      // Only service-driven or unadvertised values; one per phase keeps the run short.
      const value = PHASE_VALUES.find((v) => !offered.includes(v) && v !== phase);
      if (!value) return undefined;
      const ex = await ctx.update(url, value);
      const now = await ctx.session(url);
      ctx.ensure(
        now['phase'] !== value,
        `${value} in phase ${phase} (not among the options [${offered.join(', ')}]) changed the session to ${value} (answered ${ex.status})`,
        'EB-LIFE-03',
      );
      ctx.expectRefusal(
        ex,
        [409],
        `${value} in phase ${phase}`,
        ['UPDATE_NOT_OFFERED', 'OFFER_EXPIRED', 'OFFER_WITHDRAWN'],
        'EB-ERR-04',
      );
      tried.push(`${phase}:${value}`);
      return { value, now };
    };
    const bad = await ctx.post(url, { kind: ENUM_UPDATE, path: 'compute/cores', value: '64' }, 'update', {
      format: 'json',
      accept: 'json',
    });
    ctx.expectRefusal(bad, [409, 422], 'an update of a path the session does not offer', undefined, 'EB-UPD-06');
    // A refused update leaves the session as it was (EB-ERR-04): an offer no longer OFFERED after one, and not by
    // lapsing, was changed by it. That is this check's failure, said as such, not the accept's 409 that would follow.
    const stillOffered = (now: Doc, refused: string): void => {
      if (now['phase'] === 'OFFERED') return;
      if (now['phase'] === 'EXPIRED' || lapsed(offers[0], ctx.now())) ctx.skip(expiredBefore(offers[0], 'the accept'));
      ctx.ensure(
        false,
        `the refused ${refused} changed the offer from OFFERED to ${String(now['phase'])}; a refused update changes nothing`,
        'EB-ERR-04',
      );
    };
    const before = await ctx.session(url);
    stillOffered(before, 'update of compute/cores');
    const first = await probe(before);
    if (first) stillOffered(first.now, first.value);
    await accept(ctx, offers[0] as Doc);
    // Every phase the session reaches before it ends or the run's deadline comes is probed once.
    let last = '';
    const read = async (): Promise<Doc> => {
      const s = await ctx.session(url);
      if (s['phase'] !== last) {
        last = String(s['phase']);
        await probe(s);
      }
      return s;
    };
    await ctx.watch(
      read,
      (s) => isFinal(s['phase']),
      (s) => String(s['phase']),
    );
    if (tried.length === 0) ctx.skip('precondition not met: no phase could be probed');
    // Cut short, the phases after the last one seen were never probed: not judged, rather than a pass.
    if (!isFinal(last))
      ctx.skip(
        `precondition not met: the session was still ${last} when the run's deadline came, so only ${tried.join(', ')} were probed; a longer --deadline probes every phase`,
      );
    return { outcome: 'pass', message: `refused as expected: ${tried.join(', ')}` };
  },
});
