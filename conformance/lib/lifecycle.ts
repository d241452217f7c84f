import type { CheckContext, Doc, Exchange } from './context.js';
import { get, isDoc, phaseOptions } from './context.js';
import { ACTIVE_PHASES, TRANSITIONS, startWindow } from './fixtures.js';
import { lapsed, uuidOf } from './offers.js';
import { refusalProblem } from './errors.js';
import type { RequirementId } from '../verdict.js';

/** Request shape likely to give several offers: a wide start window, from the run clock's now. */
export function manyOffers(ctx: CheckContext): { start: string; duration: string } {
  return { start: startWindow(1, 6, ctx.now()), duration: 'PT1M' };
}

/**
 * The shortest execution a request may ask for: a duration is the minimum run time (EB-SCH-04) and must not be
 * empty (EB-SCH-08), so one second. Checks that wait for a session to complete ask for it.
 */
export const SHORTEST_RUN = { duration: 'PT1S' } as const;

/**
 * Whether a change of phase seen between two reads is allowed. Polling may miss service-driven steps, so a jump
 * along the table (ACCEPTED → RUNNING) is accepted, but COMPLETED is reached only from RELEASING (EB-LIFE-05):
 * a jump to COMPLETED from any other phase is not a missed step but a skipped one.
 */
export function transitionProblem(
  from: string,
  to: string,
): { requirement: RequirementId; message: string } | undefined {
  if (to === 'COMPLETED' && from !== 'RELEASING') {
    return {
      requirement: 'EB-LIFE-05',
      message: `phase moved ${from} → COMPLETED; a run ends through RELEASING to COMPLETED`,
    };
  }
  if (!(TRANSITIONS[from] ?? []).includes(to))
    return {
      requirement: 'EB-LIFE-08',
      message: `phase moved ${from} → ${to}, which the transition table does not allow`,
    };
  return undefined;
}

/**
 * Two reads further apart than this may both miss a RELEASING phase that is brief but real: a jump to COMPLETED
 * between them is then a warning, not a failure. Polls are at most a second apart (plus the answer's time), so
 * closer reads would have seen a RELEASING of a second and a half or more.
 */
export const RELEASING_VISIBLE_MS = 1_500;

/** One read of a session: its phase, and when the request was sent and answered (the broker saw it in between). */
export interface Observation {
  phase: string;
  sent: number;
  received: number;
}

/**
 * The jumps to COMPLETED from a phase other than RELEASING, with the longest time that can have passed at the
 * broker between the two reads that show it (from sending the first to receiving the second).
 * `observed` is every read in order (the accept answer first).
 */
export function completedJumps(observed: readonly Observation[]): { from: string; gapMs: number }[] {
  const jumps: { from: string; gapMs: number }[] = [];
  for (let i = 1; i < observed.length; i++) {
    const prev = observed[i - 1] as Observation;
    const cur = observed[i] as Observation;
    if (cur.phase === 'COMPLETED' && prev.phase !== 'COMPLETED' && prev.phase !== 'RELEASING')
      jumps.push({ from: prev.phase, gapMs: Math.round(cur.received - prev.sent) });
  }
  return jumps;
}

/**
 * The phases a client has seen, from the offer on: OFFERED, the phase the accept answer showed, then the polled
 * ones. An accept answer already past ACCEPTED (WAITING, PREPARING…) means the session went through ACCEPTED
 * (EB-UPD-10), so ACCEPTED is put in between.
 */
export function seenPhases(acceptAnswerPhase: string, polled: readonly string[]): string[] {
  const afterAccept =
    acceptAnswerPhase !== 'ACCEPTED' && ACTIVE_PHASES.has(acceptAnswerPhase)
      ? ['ACCEPTED', acceptAnswerPhase]
      : [acceptAnswerPhase];
  return ['OFFERED', ...afterAccept, ...polled].filter((p, i, a) => a[i - 1] !== p);
}

/**
 * An update no option allows: `409` (held against `statusRequirement`), with the error document and the code
 * UPDATE_NOT_OFFERED (EB-ERR-04) when the check lists it.
 */
export function expectNotOffered(
  ctx: CheckContext,
  ex: Exchange,
  what: string,
  statusRequirement: RequirementId,
  judgesCode: boolean,
): void {
  const status = refusalProblem(ex, [409]);
  if (status) ctx.fail(`${what}: ${status}`, statusRequirement);
  if (judgesCode) {
    const code = refusalProblem(ex, [409], ['UPDATE_NOT_OFFERED']);
    if (code) ctx.fail(`${what}: ${code}`, 'EB-ERR-04');
  }
}

/** What is wrong with the options a session in `phase` advertises (EB-LIFE-07), if anything. */
export function optionsProblem(session: unknown): string | undefined {
  const phase = String(get(session, 'phase'));
  const values = (phaseOptions(session) ?? []).slice().sort().join(',');
  const expected =
    phase === 'OFFERED'
      ? 'ACCEPTED,REJECTED'
      : ['ACCEPTED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING'].includes(phase)
        ? 'CANCELLED'
        : '';
  return values === expected ? undefined : `in phase ${phase} the session offers [${values}], expected [${expected}]`;
}

/** Accepts `offer`; fails the check unless the answer is 200 with the session accepted. */
export async function accept(ctx: CheckContext, offer: Doc): Promise<{ url: string; session: Doc }> {
  const url = ctx.sessionUrl(offer);
  const ex = await ctx.update(url, 'ACCEPTED');
  if (ex.status === 409) {
    // A slow broker or a short offer lifetime can let the offer lapse between reading it and accepting it:
    // that is the broker keeping its word on `expires`, not a refusal to accept.
    const now = await ctx.session(url);
    if (now['phase'] === 'EXPIRED' || lapsed(offer, ctx.now())) {
      ctx.skip(
        `precondition not met: the offer expired (expires ${String(offer['expires'])}) before the accept reached the broker`,
      );
    }
  }
  const code = isDoc(ex.value) && typeof ex.value['code'] === 'string' ? ` ${ex.value['code']}` : '';
  ctx.ensure(
    ex.status === 200,
    `accepting ${uuidOf(offer) ?? url} answered ${ex.status}${code}, expected 200 with the session`,
    'EB-UPD-08',
  );
  ctx.ensure(
    isDoc(ex.value),
    `the answer to the accept (200) is not a session document (Content-Type ${ex.headers['content-type'] ?? 'none'})`,
    'EB-UPD-08',
  );
  return { url, session: ex.value };
}
