import type { CheckContext, Doc, Exchange } from './context.js';
import { get, isDoc, phaseOptions } from './context.js';
import { ACTIVE_PHASES, TRANSITIONS, startWindow } from './fixtures.js';
import { expiredBefore, lapsed, schedulesOf, uuidOf } from './offers.js';
import { durationMs, intervalMs, iso } from './time.js';
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
 * A run to start in half an hour or later: accepted, the session waits, so a check that cancels it finds it still
 * waiting, with nothing else able to end it first.
 */
export function startingLater(ctx: CheckContext): { start: string; duration: string } {
  return { start: `${iso(ctx.now() + 30 * 60_000)}/PT2H`, duration: 'PT10M' };
}

/**
 * Every phase update of a session in the final `phase` is refused with 409 UPDATE_NOT_OFFERED (EB-LIFE-10,
 * EB-ERR-04) and leaves it in that phase.
 */
export async function expectFinalRefusesAll(ctx: CheckContext, url: string, phase: string): Promise<void> {
  for (const value of ['ACCEPTED', 'CANCELLED', 'REJECTED']) {
    const ex = await ctx.update(url, value);
    const now = await ctx.session(url);
    ctx.ensure(
      now['phase'] === phase,
      `after ${value} on a ${phase} session (answered ${ex.status}) it is ${String(now['phase'])}, expected ${phase}`,
      'EB-ERR-04',
    );
    expectNotOffered(ctx, ex, `${value} on a ${phase} session`, 'EB-LIFE-10', true);
  }
}

/**
 * Whether a change of phase seen between two reads is allowed. Polling may miss service-driven steps, so a jump
 * along the table (ACCEPTED → RUNNING) is accepted, but COMPLETED is reached only from RELEASING (EB-LIFE-05).
 * A jump to COMPLETED from an active phase may hide a brief RELEASING: whether it proves one skipped is for
 * `phaseJumps` to say, from the reads' timing and the broker's schedule.
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

/** One read of a session: its phase, and when the request was sent and answered (the broker saw it in between). */
export interface Observation {
  phase: string;
  sent: number;
  received: number;
}

/** A read with the session document it returned (its schedule says how long the broker plans each part). */
export interface SessionRead extends Observation {
  session: unknown;
}

/** The start and length of a part (preparing, releasing) a session states in any of its schedules. */
function statedPart(
  session: unknown,
  part: 'preparing' | 'releasing',
): { start: number; durationMs: number } | undefined {
  for (const { schedule } of schedulesOf(session)) {
    const start = intervalMs(get(schedule, part, 'start'))?.start;
    const duration = durationMs(get(schedule, part, 'duration'));
    if (start !== undefined && duration !== undefined && duration > 0) return { start, durationMs: duration };
  }
  return undefined;
}

/**
 * When the session is stated to start: its preparing start, else its available start (a preparing of PT0S still
 * says when the session begins, though statedPart leaves it out: no PREPARING can be seen in it).
 */
export function statedStartMs(session: unknown): number | undefined {
  for (const part of ['preparing', 'available'] as const)
    for (const { schedule } of schedulesOf(session)) {
      const start = intervalMs(get(schedule, part, 'start'))?.start;
      if (start !== undefined) return start;
    }
  return undefined;
}

/** When the session's stated schedule ends: the latest end of any part it states (undefined when it states none). */
function statedEnd(session: unknown): number | undefined {
  let end: number | undefined;
  for (const { schedule } of schedulesOf(session)) {
    for (const part of ['preparing', 'available', 'releasing']) {
      const start = intervalMs(get(schedule, part, 'start'));
      const duration = durationMs(get(schedule, part, 'duration'));
      if (start === undefined || duration === undefined) continue;
      end = Math.max(end ?? 0, start.end + duration);
    }
  }
  return end;
}

/** Seconds a check keeps in hand past the session's stated time, for its last reads. */
const ADVICE_MARGIN_S = 15;

/**
 * The advice of a skip for a session the run's deadline found not yet started (or not yet ended). When the session
 * states when it starts preparing (and, for `until: 'end'`, when its schedule ends), the advice names the whole-run
 * `--deadline` that reaches that time from when this check ran, not a length relative to now: the check may have
 * started late in the run. The broker's slot may also be late because the offers other checks held booked its
 * platform (EB-OFF-10, EB-DEF-02); only then does a run one check at a time help, so that is offered as a maybe.
 */
export function lateStartAdvice(
  ctx: CheckContext,
  session: unknown,
  goal: string,
  until: 'start' | 'end' = 'end',
): string {
  const start = statedStartMs(session);
  const target = until === 'start' ? start : (statedEnd(session) ?? start);
  // A stated time already inside the deadline gives no figure: the broker is behind its own schedule.
  const needed =
    target === undefined || target <= ctx.waitUntil()
      ? undefined
      : Math.ceil((ctx.runDeadlineMs() + target - ctx.waitUntil()) / 1000) + ADVICE_MARGIN_S;
  const deadline = needed === undefined ? 'a longer --deadline' : `a --deadline of ${needed} s or more`;
  if (start === undefined || start <= ctx.waitUntil()) return `${deadline} ${goal}`;
  const inS = Math.ceil((start - ctx.now()) / 1000);
  return `the session is scheduled to start preparing at ${iso(start)}, ${inS} s from now, past the run's deadline; ${deadline} ${goal} (and if that slot is late because the offers other checks held booked the broker's platform, --concurrency 1 leaves it free)`;
}

/** A phase the table makes every run go through, though polling may miss it when it is brief. */
export type PassedPhase = 'PREPARING' | 'AVAILABLE' | 'RELEASING';

/**
 * For each such phase: the part of the schedule that states it, the phases before it and the ones after it.
 * AVAILABLE has no part of its own (the schedule's `available` spans AVAILABLE and RUNNING together), so a jump
 * past it is only ever unseen, never proven skipped.
 */
const AROUND: Record<
  PassedPhase,
  { part: 'preparing' | 'releasing' | undefined; before: Set<string>; after: Set<string> }
> = {
  PREPARING: {
    part: 'preparing',
    before: new Set(['ACCEPTED', 'WAITING']),
    after: new Set(['AVAILABLE', 'RUNNING', 'RELEASING', 'COMPLETED']),
  },
  AVAILABLE: {
    part: undefined,
    // From ACCEPTED or WAITING the jump past PREPARING is noted already: one note for one jump.
    before: new Set(['PREPARING']),
    after: new Set(['RUNNING', 'RELEASING', 'COMPLETED']),
  },
  RELEASING: {
    part: 'releasing',
    before: new Set(['ACCEPTED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING']),
    after: new Set(['COMPLETED']),
  },
};

/** The requirement a run that skips `phase` breaks: COMPLETED only from RELEASING, WAITING only to PREPARING. */
export const SKIP_BREAKS: Record<PassedPhase, RequirementId> = {
  PREPARING: 'EB-LIFE-08',
  AVAILABLE: 'EB-LIFE-08',
  RELEASING: 'EB-LIFE-05',
};

/** Two reads on either side of `phase` that saw none of it; `skipped` says why that proves it was skipped. */
export interface PhaseJump {
  phase: PassedPhase;
  from: string;
  to: string;
  /** From sending the read before to receiving the read after: all the time the broker may have moved in. */
  gapMs: number;
  skipped?: string;
  /** When not judged though the schedule states the phase long enough: why its stated times do not bound it. */
  unbounded?: string;
}

/**
 * Every pair of consecutive reads that went past `phase` without showing it, each judged. A black-box poller
 * misses any phase shorter than the time between its reads, so a jump proves the phase skipped only when the
 * broker's own schedule says the phase lasts at least twice the gap between the two reads around the jump, and
 * the session was seen before the phase both before the stated start and after it: it was still short of the
 * phase when it said the phase would begin, and the phase it then had, however late it began, would have lasted
 * long enough to be seen. A schedule that states the phase briefly (the PT0S of a sub-second RELEASING) or not
 * at all proves nothing: the jump is then only unseen. `reads` is every read in order, the accept answer first.
 */
export function phaseJumps(reads: readonly SessionRead[], phase: PassedPhase): PhaseJump[] {
  const { part, before, after } = AROUND[phase];
  const jumps: PhaseJump[] = [];
  for (let i = 1; i < reads.length; i++) {
    const prev = reads[i - 1] as SessionRead;
    const cur = reads[i] as SessionRead;
    if (!before.has(prev.phase) || !after.has(cur.phase)) continue;
    const gapMs = Math.round(cur.received - prev.sent);
    const jump: PhaseJump = { phase, from: prev.phase, to: cur.phase, gapMs };
    jumps.push(jump);
    const plan = part && (statedPart(cur.session, part) ?? statedPart(prev.session, part));
    if (!plan || plan.durationMs < 2 * gapMs) continue;
    const waitedBefore = reads.some((r) => before.has(r.phase) && r.received <= plan.start);
    const waitedAfter = reads.some((r) => before.has(r.phase) && r.sent >= plan.start);
    if (!waitedBefore || !waitedAfter) {
      jump.unbounded = `its schedule states a ${part} of ${plan.durationMs} ms from ${new Date(plan.start).toISOString()}, but the session was not seen short of ${phase} on ${waitedBefore ? 'or after' : 'or before'} that start, so the stated times do not bound the ${part} it had`;
      continue;
    }
    jump.skipped = `phase moved ${prev.phase} → ${cur.phase} without ${phase}, which the transition table requires: the session was still ${prev.phase} after the ${part} start it states (${new Date(plan.start).toISOString()}), and the ${part} it states lasts ${plan.durationMs} ms, yet two reads ${gapMs} ms apart saw none`;
  }
  return jumps;
}

/** What a jump that proves nothing is worth: a note on what the reads could not see. */
export function unseenNote(jump: PhaseJump): string {
  const why = jump.unbounded ? `; ${jump.unbounded}` : '';
  return `${jump.phase} not observed (${jump.from} → ${jump.to}): it may be shorter than the read interval of ${jump.gapMs} ms${why} (${SKIP_BREAKS[jump.phase]} not judged on it)`;
}

/**
 * The longest wait before the next read of `session` that still lets reads land inside each phase its schedule
 * states and it has not reached: an eighth of the stated length (the reads around a jump must be less than half
 * of it apart, answers included), from the stated start until four lengths after it (a late phase is still
 * caught), and before the start no later than an eighth into the phase. Undefined when no stated phase is near,
 * so the poll keeps its own pace. Dense reads where the broker says a phase will be are what can turn a jump past
 * it into proof (`phaseJumps`); they cost a few reads per stated phase, and none for a phase stated long.
 */
export function phaseWindowWait(session: unknown, now: number): number | undefined {
  const phase = String(get(session, 'phase'));
  let wait: number | undefined;
  for (const p of ['PREPARING', 'RELEASING'] as const) {
    const { part, before } = AROUND[p];
    if (!part || !before.has(phase)) continue;
    const plan = statedPart(session, part);
    if (!plan) continue;
    const eighth = plan.durationMs / 8;
    if (now > plan.start + 4 * plan.durationMs) continue;
    const w = now < plan.start ? plan.start - now + eighth : eighth;
    wait = Math.min(wait ?? w, w);
  }
  return wait;
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
  ctx.expectRefusal(ex, [409], what, undefined, statusRequirement);
  if (judgesCode) ctx.expectRefusal(ex, [409], what, ['UPDATE_NOT_OFFERED'], 'EB-ERR-04');
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
      ctx.skip(expiredBefore(offer, 'the accept'));
    }
  }
  const code = isDoc(ex.value) && typeof ex.value['code'] === 'string' ? ` ${ex.value['code']}` : '';
  ctx.ensure(
    ex.status === 200,
    `accepting ${uuidOf(offer) ?? url} answered ${ex.status}${code}, expected 200 with the session`,
    'EB-UPD-08',
  );
  return { url, session: ctx.sessionOf(ex, 'the answer to the accept (200)', 'EB-UPD-08') };
}
