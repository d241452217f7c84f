import minMax from '../../../../src/validate/rules/dm/min-max.js';
import { request, offerset } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(minMax, [
  { name: 'ordered pairs pass', type: 'request', doc: request(), findings: [] },
  {
    name: 'min above max',
    type: 'request',
    doc: (() => {
      const d = request();
      d.compute.cores = { min: 8, max: 2 };
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-01', pointer: '/compute/cores' }],
    level: 'error',
  },
  {
    name: 'negative size',
    type: 'request',
    doc: (() => {
      const d = request();
      d.storage[0].size = { min: -1 };
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-01', pointer: '/storage/0/size/min' }],
  },
  {
    name: 'offered cost pair inverted',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[0].costs = [{ kind: 'x', min: 5, max: 1 }];
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-01', pointer: '/offers/0/costs/0' }],
  },
  {
    name: 'a negative delta option is allowed',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[0].meta.options.push({ kind: 'uri:integer-delta-option', path: '/compute/cores/min', min: -2, max: 2 });
      return d;
    })(),
    findings: [],
  },
]);
