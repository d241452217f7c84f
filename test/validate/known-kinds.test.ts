import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_KINDS } from '../../src/validate/known-kinds.js';
import { ROOT, knownKinds, knownUnits, renderKnownKinds } from './helpers/schema-facts.js';

const FILE = join(ROOT, 'src/validate/known-kinds.ts');

describe('known-kinds drift', () => {
  it('src/validate/known-kinds.ts equals what schema/json says', () => {
    const expected = renderKnownKinds(knownKinds(), knownUnits());
    if (process.env.EBKIT_UPDATE === '1') writeFileSync(FILE, expected);
    expect(readFileSync(FILE, 'utf8')).toBe(expected);
  });

  it('knows every family the walker hands out', () => {
    const families = new Set(Object.values(KNOWN_KINDS).map((k) => k.family));
    for (const f of ['executable', 'compute', 'storage', 'data', 'volume', 'session', 'cost', 'metric', 'option', 'update']) {
      expect(families.has(f as never), f).toBe(true);
    }
  });
});
