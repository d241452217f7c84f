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
    level: 'error',
  },
  {
    name: 'an unlisted unit on a storage size fails',
    type: 'update',
    doc: { kind: 'uri:integer-value-update', path: 'storage/0/size/min', value: 4, units: 'blocks' },
    findings: [{ ruleId: 'EB-DM-04', pointer: '/units' }],
    level: 'error',
  },
  {
    // Upstream's units are a free string; the standard's list is of data sizes only.
    name: 'seconds on a duration delta are information',
    type: 'update',
    doc: { kind: 'uri:integer-delta-update', path: 'schedule/duration', delta: 60, units: 'seconds' },
    findings: [{ ruleId: 'EB-DM-04', pointer: '/units' }],
    level: 'info',
  },
  {
    name: 'a near miss of a listed unit on another quantity is a warning',
    type: 'update',
    doc: { kind: 'uri:integer-value-update', path: 'compute/cores/max', value: 4, units: 'GIB' },
    findings: [{ ruleId: 'EB-DM-04', pointer: '/units' }],
    level: 'warning',
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
