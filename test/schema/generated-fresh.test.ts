import { describe, expect, it } from 'vitest';
import { describeDifference, findDrift } from '../../scripts/check-generated.js';

describe('generated files', () => {
  it('every generated file is what its generator makes (npm run check:generated)', async () => {
    expect(await findDrift()).toEqual([]);
  });

  it('the drift check notices a missing or edited file', () => {
    expect(describeDifference('a\nb\n', undefined)).toBe('missing');
    expect(describeDifference('a\nb\n', 'a\nc\n')).toMatch(/line 2/);
    expect(describeDifference('a\n', 'a\n')).toBeUndefined();
  });
});
