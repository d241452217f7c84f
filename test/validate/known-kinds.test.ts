import { describe, expect, it } from 'vitest';
import { KNOWN_KINDS } from '../../src/validate/known-kinds.js';

// That src/validate/known-kinds.ts equals what schema/json says is checked by
// test/schema/generated-fresh.test.ts (npm run check:generated) with every other generated file.
describe('known kinds', () => {
  it('knows every family the walker hands out', () => {
    const families = new Set(Object.values(KNOWN_KINDS).map((k) => k.family));
    for (const f of [
      'executable',
      'compute',
      'storage',
      'data',
      'volume',
      'session',
      'cost',
      'metric',
      'option',
      'update',
    ]) {
      expect(families.has(f as never), f).toBe(true);
    }
  });
});
