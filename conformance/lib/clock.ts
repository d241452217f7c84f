/**
 * The run's time source. Real brokers run on the wall clock; a test can hand the runner (and the broker) a clock
 * that runs faster, so minutes-long phases and lifetimes are waited for, by the same code, in seconds.
 */
import { sleep } from './retry.js';

export interface RunClock {
  /** Milliseconds since the epoch, in the broker's time. */
  now(): number;
  /** Waits `ms` of this clock's time (rejects with TransportError when `signal` aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Real milliseconds that `ms` of this clock's time take (for timers that must fire on real time). */
  realMs(ms: number): number;
}

export const WALL_CLOCK: RunClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, signal),
  realMs: (ms) => ms,
};

/** A clock running `factor` times faster than the wall clock, starting now. Time never runs backwards. */
export function acceleratedClock(factor: number): RunClock {
  if (!(factor >= 1)) throw new RangeError(`acceleratedClock needs a factor of at least 1, got ${factor}`);
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * factor,
    sleep: (ms, signal) => sleep(ms / factor, signal),
    realMs: (ms) => ms / factor,
  };
}
