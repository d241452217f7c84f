import type { RunOptions } from '../runner.js';

export type VariantRun = Partial<
  Pick<
    RunOptions,
    | 'headers'
    | 'credentials'
    | 'concurrency'
    | 'deadlineMs'
    | 'timeoutMs'
    | 'allowedOrigins'
    | 'classes'
    | 'skipSlow'
    | 'clock'
    | 'pollIntervalMs'
  >
>;

/**
 * A broker that is conformant but makes choices the reference broker does not (200 instead of 303, relative
 * Location, slow answers, long offer lifetimes…). The suite must give no `fail` against any of them.
 */
export interface Variant {
  id: string;
  description: string;
  /** What a run against this broker needs (e.g. the bearer token header, more time). */
  run?: VariantRun;
  /** `run` here adds what is only known once the broker listens (e.g. its port in --allow-origin). */
  start(): Promise<{ url: string; close(): Promise<void>; run?: VariantRun }>;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failing run can be replayed by its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
