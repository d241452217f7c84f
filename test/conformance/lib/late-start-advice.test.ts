import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../conformance/lib/context.js';
import { lateStartAdvice, statedStartMs } from '../../../conformance/lib/lifecycle.js';

const NOW = Date.parse('2026-12-07T06:00:00Z');
/** The two clock readings the advice uses: now, and the last moment a check may wait for (two minutes on). */
const ctx = {
  now: () => NOW,
  waitUntil: () => NOW + 120_000,
  runDeadlineMs: () => 600_000,
} as unknown as CheckContext;
const scheduled = (start: string) => ({
  phase: 'WAITING',
  schedule: { preparing: { start, duration: 'PT10S' }, available: { start, duration: 'PT10M' } },
});

describe('the advice of a skip for a session not started by the deadline', () => {
  it('names the scheduled start and the whole-run deadline that reaches it, not a length from now', () => {
    const advice = lateStartAdvice(ctx, scheduled('2026-12-07T07:32:00Z'), 'lets it start', 'start');
    // The start is 5520 s from now, 5400 s past this check's last wait: the run's 600 s deadline plus 5400, plus 15.
    expect(advice).toBe(
      "the session is scheduled to start preparing at 2026-12-07T07:32:00Z, 5520 s from now, past the run's deadline; a --deadline of 6015 s or more lets it start (and if that slot is late because the offers other checks held booked the broker's platform, --concurrency 1 leaves it free)",
    );
  });

  it('counts to the end of the stated schedule when the check waits for the session to end', () => {
    // Preparing 10 s from 06:03:00, available 10 min from the same start: the schedule ends at 06:13:00, 780 s on.
    const advice = lateStartAdvice(ctx, scheduled('2026-12-07T06:03:00Z'), 'lets it complete');
    expect(advice).toMatch(/^the session is scheduled to start preparing at 2026-12-07T06:03:00Z, 180 s from now/);
    expect(advice).toContain('a --deadline of 1275 s or more lets it complete');
  });

  it('names the start of a session whose preparing takes no time (PT0S), by its preparing start', () => {
    const instant = {
      phase: 'WAITING',
      schedule: {
        preparing: { start: '2026-12-07T06:03:05Z', duration: 'PT0S' },
        available: { start: '2026-12-07T06:03:06Z/PT0S', duration: 'PT30M' },
      },
    };
    expect(statedStartMs(instant)).toBe(Date.parse('2026-12-07T06:03:05Z'));
    expect(lateStartAdvice(ctx, instant, 'lets it start', 'start')).toMatch(
      /^the session is scheduled to start preparing at 2026-12-07T06:03:05Z, 185 s from now, past the run's deadline/,
    );
    // Without a preparing part, the available start says when it begins.
    expect(statedStartMs({ schedule: { available: { start: '2026-12-07T06:04:00Z/PT1M' } } })).toBe(
      Date.parse('2026-12-07T06:04:00Z'),
    );
  });

  it('a check that ran late is told a deadline above the one it had', () => {
    // The helper-found case: the deadline is 120 s, and the check's session starts 3 s after its last wait.
    const late = {
      now: () => NOW,
      waitUntil: () => NOW,
      runDeadlineMs: () => 120_000,
    } as unknown as CheckContext;
    const advice = lateStartAdvice(late, scheduled('2026-12-07T06:00:03Z'), 'sees the rest');
    const needed = Number(/a --deadline of (\d+) s/.exec(advice)?.[1]);
    expect(needed).toBeGreaterThan(120 + 3 + 600);
  });

  it('asks for a longer deadline when the session starts before it, or states no start', () => {
    expect(lateStartAdvice(ctx, scheduled('2026-12-07T06:01:00Z'), 'lets it start', 'start')).toBe(
      'a longer --deadline lets it start',
    );
    // It starts inside the deadline but its schedule ends at 06:11:00, 540 s past the last wait: 600 + 540 + 15.
    expect(lateStartAdvice(ctx, scheduled('2026-12-07T06:01:00Z'), 'lets it complete')).toBe(
      'a --deadline of 1155 s or more lets it complete',
    );
    expect(lateStartAdvice(ctx, { phase: 'WAITING' }, 'sees the rest')).toBe('a longer --deadline sees the rest');
  });
});
