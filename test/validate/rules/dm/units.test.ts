import { describe, expect, it } from 'vitest';
import { validate } from '../../../../src/validate/index.js';
import units from '../../../../src/validate/rules/dm/units.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(units, [
  {
    name: 'GiB passes',
    type: 'update',
    doc: { kind: 'uri:integer-value-update', path: '/compute/memory/max', value: 4, units: 'GiB' },
    findings: [],
  },
  {
    name: 'parsecs fail',
    type: 'update',
    doc: { kind: 'uri:integer-value-update', path: '/compute/memory/max', value: 4, units: 'parsecs' },
    findings: [{ ruleId: 'EB-DM-04', pointer: '/units' }],
  },
]);

describe('unit suggestions', () => {
  it('names the nearest unit', () => {
    const u = validate(
      { kind: 'uri:integer-value-update', path: 'p', value: 1, units: 'Gib' },
      { type: 'update', rules: [units], schema: false },
    );
    expect(u.findings[0]?.params?.suggestion).toBe('GiB');
  });
});
