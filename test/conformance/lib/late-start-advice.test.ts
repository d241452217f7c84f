import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../conformance/lib/context.js';
import { lateStartAdvice } from '../../../conformance/lib/lifecycle.js';

const NOW = Date.parse('2026-12-07T06:00:00Z');
/** The two clock readings the advice uses: now, and the last moment a check may wait for (two minutes on). */
const ctx = { now: () => NOW, waitUntil: () => NOW + 120_000 } as unknown as CheckContext;
const scheduled = (start: string) => ({
  phase: 'WAITING',
  schedule: { preparing: { start, duration: 'PT10S' }, executing: { start, duration: 'PT10M' } },
});

describe('the advice of a skip for a session not started by the deadline', () => {
  it('names the scheduled start and the contention when the session starts after the deadline', () => {
    const advice = lateStartAdvice(ctx, scheduled('2026-12-07T07:32:00Z'), 'lets it start');
    expect(advice).toBe(
      "the session is scheduled to start preparing at 2026-12-07T07:32:00Z, 5520 s from now, past the run's deadline (the broker's earliest free slot: the offers other checks held may have booked its platform); --concurrency 1 leaves it free, or a --deadline of more than 5520 s lets it start",
    );
  });

  it('asks for a longer deadline when the session starts before it, or states no start', () => {
    expect(lateStartAdvice(ctx, scheduled('2026-12-07T06:01:00Z'), 'lets it start')).toBe(
      'a longer --deadline lets it start',
    );
    expect(lateStartAdvice(ctx, { phase: 'WAITING' }, 'sees the rest')).toBe('a longer --deadline sees the rest');
  });
});
