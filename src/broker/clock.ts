/** Time source for the broker; every phase and expiry is computed from `now()`, so tests can move time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to (tests, mutants, deterministic runs). */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: number | string | Date = Date.now()) {
    this.current = typeof start === 'number' ? start : new Date(start).getTime();
  }
  now(): number {
    return this.current;
  }
  /** Moves forward by `ms` milliseconds (negative moves are refused: time never runs backwards). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`ManualClock.advance needs a non-negative number, got ${ms}`);
    this.current += ms;
    return this.current;
  }
  /** Jumps to an absolute instant, never backwards. */
  set(instant: number | string | Date): number {
    const t = typeof instant === 'number' ? instant : new Date(instant).getTime();
    if (!Number.isFinite(t) || t < this.current) throw new RangeError('ManualClock.set cannot move backwards');
    this.current = t;
    return t;
  }
}
