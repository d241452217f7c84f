import { describe, expect, it } from 'vitest';
import { instantAfter } from '../../../conformance/lib/time.js';

describe('instantAfter', () => {
  it('orders instants microseconds apart, which Date.parse reads as one millisecond', () => {
    expect(instantAfter('2026-08-14T10:55:00.197831836Z', '2026-08-14T10:55:00.197813204Z')).toBe(true);
    expect(instantAfter('2026-08-14T10:55:00.197813204Z', '2026-08-14T10:55:00.197831836Z')).toBe(false);
  });

  it('takes trailing zeros and fewer digits as the same instant, which is not later', () => {
    expect(instantAfter('2026-08-14T10:55:00.197800000Z', '2026-08-14T10:55:00.1978Z')).toBe(false);
    expect(instantAfter('2026-08-14T10:55:00.1978001Z', '2026-08-14T10:55:00.1978Z')).toBe(true);
  });

  it('compares across zones and milliseconds, and is undefined for an unread instant', () => {
    expect(instantAfter('2026-08-14T12:55:00.001+02:00', '2026-08-14T10:55:00.000999Z')).toBe(true);
    expect(instantAfter('not a time', '2026-08-14T10:55:00Z')).toBeUndefined();
  });
});
