import { describe, expect, it } from 'vitest';
import { expiredBefore, lapsed } from '../../../conformance/lib/offers.js';

describe('expiredBefore', () => {
  it("names the offer's expires when it has one, and says nothing of it when it has none", () => {
    expect(expiredBefore({ expires: '2026-01-01T00:00:00Z' }, 'the accept')).toBe(
      'precondition not met: the offer expired (expires 2026-01-01T00:00:00Z) before the accept reached the broker',
    );
    // An offer read back EXPIRED may no longer carry expires: never "expires undefined".
    expect(expiredBefore({ phase: 'EXPIRED' }, 'the update')).toBe(
      'precondition not met: the offer expired before the update reached the broker',
    );
    expect(expiredBefore(undefined, 'the reject')).not.toMatch(/undefined/);
  });

  it('lapsed is true only for an expires that has passed', () => {
    expect(lapsed({ expires: '2000-01-01T00:00:00Z' })).toBe(true);
    expect(lapsed({ expires: '2999-01-01T00:00:00Z' })).toBe(false);
    expect(lapsed({})).toBe(false);
  });
});
