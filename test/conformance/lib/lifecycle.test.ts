import { describe, expect, it } from 'vitest';
import { phaseJumps, phaseWindowWait, unseenNote, type SessionRead } from '../../../conformance/lib/lifecycle.js';

const T0 = Date.parse('2026-08-14T11:00:00Z');
const at = (ms: number): string => new Date(T0 + ms).toISOString();

/** A session whose schedule states releasing from `start` (ms after T0) for `duration`. */
const session = (phase: string, releasing?: { start: number; duration: string }, preparing?: typeof releasing) => ({
  phase,
  schedule: {
    ...(preparing ? { preparing: { start: at(preparing.start), duration: preparing.duration } } : {}),
    available: { start: `${at(0)}/PT0S`, duration: 'PT1S' },
    ...(releasing ? { releasing: { start: at(releasing.start), duration: releasing.duration } } : {}),
  },
});
/** A read sent at `sent` ms after T0, answered `took` ms later. */
const read = (phase: string, sent: number, s: unknown, took = 50): SessionRead => ({
  phase,
  sent: T0 + sent,
  received: T0 + sent + took,
  session: s,
});

describe('phaseJumps: a jump past RELEASING', () => {
  it('is only unseen when the broker states a RELEASING shorter than the reads can resolve (PT0S)', () => {
    // The independent broker's 0.4 s RELEASING, stated PT0S, missed between reads 765 ms apart on a loaded machine.
    const plan = { start: 1_000, duration: 'PT0S' };
    const jumps = phaseJumps(
      [
        read('ACCEPTED', -500, session('ACCEPTED', plan)),
        read('RUNNING', 900, session('RUNNING', plan), 15),
        read('COMPLETED', 1_615, session('COMPLETED', plan), 50),
      ],
      'RELEASING',
    );
    expect(jumps).toEqual([{ phase: 'RELEASING', from: 'RUNNING', to: 'COMPLETED', gapMs: 765 }]);
    expect(unseenNote(jumps[0]!)).toBe(
      'RELEASING not observed (RUNNING → COMPLETED): it may be shorter than the read interval of 765 ms (EB-LIFE-05 not judged on it)',
    );
  });

  it('is only unseen when the stated RELEASING is less than twice the gap between the reads around it', () => {
    const plan = { start: 1_000, duration: 'PT2S' };
    const jumps = phaseJumps(
      [
        read('RUNNING', 0, session('RUNNING', plan)),
        read('RUNNING', 1_200, session('RUNNING', plan)),
        read('COMPLETED', 2_300, session('COMPLETED', plan)),
      ],
      'RELEASING',
    );
    expect(jumps.map((j) => [j.gapMs, j.skipped])).toEqual([[1_150, undefined]]);
  });

  it('is only unseen when the session was never seen short of RELEASING after the stated releasing start', () => {
    // Read before the stated start, then COMPLETED: on a schedule kept, a 2 s RELEASING would span the gap.
    const plan = { start: 1_000, duration: 'PT2S' };
    const jumps = phaseJumps(
      [read('RUNNING', 800, session('RUNNING', plan)), read('COMPLETED', 1_400, session('COMPLETED', plan))],
      'RELEASING',
    );
    expect(jumps.map((j) => j.skipped)).toEqual([undefined]);
    // The note says why the stated 2 s did not settle it (a run that ended before its stated releasing start).
    expect(unseenNote(jumps[0]!)).toBe(
      `RELEASING not observed (RUNNING → COMPLETED): it may be shorter than the read interval of 650 ms; its schedule states a releasing of 2000 ms from ${at(1_000)}, but the session was not seen short of RELEASING on or after that start, so the stated times do not bound the releasing it had (EB-LIFE-05 not judged on it)`,
    );
  });

  it('proves RELEASING skipped when the session was still running after the releasing start it states, and reads far closer than the stated RELEASING saw none', () => {
    const plan = { start: 1_000, duration: 'PT2S' };
    const jumps = phaseJumps(
      [
        read('ACCEPTED', 0, session('ACCEPTED', plan)),
        read('RUNNING', 1_100, session('RUNNING', plan)),
        read('RUNNING', 1_600, session('RUNNING', plan)),
        read('COMPLETED', 2_100, session('COMPLETED', plan)),
      ],
      'RELEASING',
    );
    expect(jumps).toHaveLength(1);
    expect(jumps[0]).toMatchObject({ from: 'RUNNING', to: 'COMPLETED', gapMs: 550 });
    expect(jumps[0]?.skipped).toMatch(
      /without RELEASING.*releasing it states lasts 2000 ms, yet two reads 550 ms apart/,
    );
  });

  it('reads a component schedule when the session states none, and ignores reads that saw RELEASING', () => {
    const plan = { start: 1_000, duration: 'PT3S' };
    const withComponent = (phase: string) => ({ phase, executable: { schedule: session(phase, plan).schedule } });
    expect(
      phaseJumps(
        [
          read('RUNNING', 0, withComponent('RUNNING')),
          read('RUNNING', 1_200, withComponent('RUNNING')),
          read('COMPLETED', 1_700, withComponent('COMPLETED')),
        ],
        'RELEASING',
      )[0]?.skipped,
    ).toBeDefined();
    expect(
      phaseJumps(
        [read('RUNNING', 0, session('RUNNING', plan)), read('RELEASING', 1_200, session('RELEASING', plan))],
        'RELEASING',
      ),
    ).toEqual([]);
  });
});

describe('phaseJumps: a jump past PREPARING', () => {
  it('proves PREPARING skipped on the same evidence, and is only unseen without it', () => {
    const plan = { start: 1_000, duration: 'PT2S' };
    const s = (phase: string) => session(phase, undefined, plan);
    const proven = phaseJumps(
      [
        read('WAITING', 0, s('WAITING')),
        read('WAITING', 1_100, s('WAITING')),
        read('AVAILABLE', 1_600, s('AVAILABLE')),
      ],
      'PREPARING',
    );
    expect(proven[0]?.skipped).toMatch(/WAITING → AVAILABLE without PREPARING/);
    const unseen = phaseJumps(
      [read('WAITING', 0, s('WAITING')), read('AVAILABLE', 1_600, s('AVAILABLE'))],
      'PREPARING',
    );
    expect(unseen.map((j) => [j.from, j.to, j.skipped])).toEqual([['WAITING', 'AVAILABLE', undefined]]);
  });
});

describe('phaseWindowWait: reads packed where the schedule states a phase', () => {
  const plan = { start: 10_000, duration: 'PT2S' };
  it('waits at most an eighth of a stated phase inside its window, and lands a read an eighth into one about to begin', () => {
    expect(phaseWindowWait(session('RUNNING', plan), T0 + 11_000)).toBe(250);
    expect(phaseWindowWait(session('RUNNING', plan), T0 + 9_800)).toBe(450);
  });
  it('leaves the pace alone far from a stated phase, past the phase, or when the phase is stated PT0S', () => {
    expect(phaseWindowWait(session('RUNNING', plan), T0 + 19_000)).toBeUndefined();
    expect(phaseWindowWait(session('COMPLETED', plan), T0 + 11_000)).toBeUndefined();
    expect(phaseWindowWait(session('RUNNING', { start: 10_000, duration: 'PT0S' }), T0 + 10_000)).toBeUndefined();
  });
});

describe('phaseJumps: a jump past AVAILABLE', () => {
  it('is noted, never proven skipped: the schedule states no AVAILABLE apart from RUNNING, however long its available part', () => {
    // The stated available part lasts an hour, far more than the 150 ms between the reads: it still proves nothing.
    const long = { phase: 'PREPARING', schedule: { available: { start: `${at(1_000)}/PT0S`, duration: 'PT1H' } } };
    const jumps = phaseJumps(
      [
        read('PREPARING', 0, long),
        read('PREPARING', 1_200, long),
        read('RUNNING', 1_300, { ...long, phase: 'RUNNING' }),
        read('RELEASING', 2_000, { ...long, phase: 'RELEASING' }),
      ],
      'AVAILABLE',
    );
    expect(jumps).toEqual([{ phase: 'AVAILABLE', from: 'PREPARING', to: 'RUNNING', gapMs: 150 }]);
    expect(unseenNote(jumps[0]!)).toBe(
      'AVAILABLE not observed (PREPARING → RUNNING): it may be shorter than the read interval of 150 ms (EB-LIFE-08 not judged on it)',
    );
  });
});
