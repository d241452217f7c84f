import updateShape from '../../../../src/validate/rules/upd/update-shape.js';
import { session, update } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(updateShape, [
  { name: 'a phase update passes', type: 'update', doc: update(), findings: [] },
  {
    name: 'missing value',
    type: 'update',
    doc: { kind: 'uri:enum-value-update', path: 'phase' },
    findings: [{ ruleId: 'EB-UPD-05', pointer: '' }],
  },
  {
    name: 'missing path',
    type: 'update',
    doc: { kind: 'uri:enum-value-update', value: 'ACCEPTED' },
    findings: [{ ruleId: 'EB-UPD-05', pointer: '' }],
  },
  {
    name: 'delta without delta',
    type: 'update',
    doc: { kind: 'uri:integer-delta-update', path: '/compute/cores/min', value: 2 },
    findings: [{ ruleId: 'EB-UPD-05', pointer: '' }],
  },
  {
    name: 'integer value as text',
    type: 'update',
    doc: { kind: 'uri:integer-value-update', path: '/compute/cores/min', value: 'two' },
    findings: [{ ruleId: 'EB-UPD-05', pointer: '/value' }],
  },
  {
    name: 'enum option without values',
    type: 'session',
    doc: (() => {
      const d = session();
      delete d.meta.options[0].values;
      return d;
    })(),
    findings: [{ ruleId: 'EB-UPD-05', pointer: '/meta/options/0' }],
  },
]);
