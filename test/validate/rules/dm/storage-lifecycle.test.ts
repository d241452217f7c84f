import { describe, expect, it } from 'vitest';
import rule from '../../../../src/validate/rules/dm/storage-lifecycle.js';
import { validate } from '../../../../src/validate/index.js';
import { request } from '../../helpers/fixtures.js';

const run = (storage: Record<string, unknown>) => {
  const d = request();
  Object.assign(d.storage[0], storage);
  return validate(d, { type: 'request', rules: [rule], schema: false }).findings.map((f) => [f.ruleId, f.pointer]);
};

describe('storage-lifecycle (EB-DM-12)', () => {
  it('passes ephemeral, managed persistent and unmanaged storage', () => {
    expect(run({})).toEqual([]);
    expect(run({ lifecycle: 'managed', lifetime: 'P7D' })).toEqual([]);
    expect(run({ lifecycle: 'unmanaged', location: 'https://vospace.example.org/nodes/a' })).toEqual([]);
  });
  it('unmanaged storage without a location is reported at the storage resource', () => {
    expect(run({ lifecycle: 'unmanaged' })).toEqual([['EB-DM-12', '/storage/0']]);
  });
  it('a lifetime on unmanaged storage is reported at the lifetime', () => {
    expect(run({ lifecycle: 'unmanaged', location: 'https://v.example.org/a', lifetime: 'P1D' })).toEqual([['EB-DM-12', '/storage/0/lifetime']]);
  });
  it('a location on managed storage is reported at the location', () => {
    expect(run({ location: 'https://v.example.org/a' })).toEqual([['EB-DM-12', '/storage/0/location']]);
  });
});
