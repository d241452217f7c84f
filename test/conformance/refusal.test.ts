import { describe, expect, it } from 'vitest';
import { changedAfterRefusal } from '../../conformance/lib/refusal.js';
import { offeredDuration } from '../../conformance/lib/resources.js';

const options = (values: string[]) => [{ kind: 'uri:enum-value-option', path: 'phase', values }];
const offered = (extra: Record<string, unknown> = {}) => ({
  phase: 'OFFERED',
  expires: '2999-01-01T00:00:00Z',
  meta: { options: options(['ACCEPTED', 'REJECTED']) },
  compute: { cores: { min: 2, max: 2 } },
  ...extra,
});

describe('changedAfterRefusal (EB-ERR-04)', () => {
  it('finds nothing when an OFFERED session reads back the same', () => {
    expect(changedAfterRefusal(offered(), offered())).toBeUndefined();
  });

  it('names a changed phase, changed options or a changed component of an offer', () => {
    expect(changedAfterRefusal(offered(), offered({ phase: 'REJECTED', meta: { options: [] } }))).toBe(
      'the phase changed from OFFERED to REJECTED',
    );
    expect(changedAfterRefusal(offered(), offered({ meta: { options: options(['ACCEPTED']) } }))).toMatch(
      /phase options changed from \[ACCEPTED,REJECTED\] to \[ACCEPTED\]/,
    );
    expect(changedAfterRefusal(offered(), offered({ compute: { cores: { min: 4, max: 4 } } }))).toMatch(
      /^compute changed/,
    );
  });

  it('takes EXPIRED as the broker keeping its word once the offer has lapsed', () => {
    const lapsed = offered({ expires: '2000-01-01T00:00:00Z' });
    expect(changedAfterRefusal(lapsed, { ...lapsed, phase: 'EXPIRED' })).toBeUndefined();
    expect(changedAfterRefusal(offered(), offered({ phase: 'EXPIRED' }))).toBe(
      'the phase changed from OFFERED to EXPIRED',
    );
  });

  it('lets an active session move on by itself, but never into a phase only a client brings about', () => {
    expect(changedAfterRefusal({ phase: 'ACCEPTED' }, { phase: 'RUNNING' })).toBeUndefined();
    expect(changedAfterRefusal({ phase: 'RUNNING' }, { phase: 'CANCELLED' })).toMatch(/only a client's update makes/);
    expect(changedAfterRefusal({ phase: 'REJECTED' }, { phase: 'CANCELLED' })).toBe(
      'the phase changed from REJECTED to CANCELLED',
    );
  });
});

describe('offeredDuration', () => {
  it("reads the session's schedule, else a component's, else nothing", () => {
    expect(offeredDuration({ schedule: { available: { duration: 'PT10M' } } })).toMatchObject({
      ms: 600_000,
      where: 'schedule',
    });
    expect(offeredDuration({ compute: { schedule: { available: { duration: 'PT1H' } } } })).toMatchObject({
      ms: 3_600_000,
      where: 'compute.schedule',
    });
    expect(offeredDuration({ schedule: { available: { duration: 'soon' } } })).toBeUndefined();
  });
});
