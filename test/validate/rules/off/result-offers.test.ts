import resultOffers from '../../../../src/validate/rules/off/result-offers.js';
import { offerset, example } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(resultOffers, [
  { name: 'YES with offers passes', type: 'offerset', doc: offerset(), findings: [] },
  {
    name: 'NO with messages passes',
    type: 'offerset',
    doc: example('valid/offerset-no-with-messages.yaml'),
    findings: [],
  },
  {
    name: 'YES without offers',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers = [];
      return d;
    })(),
    findings: [{ ruleId: 'EB-OFF-09', pointer: '' }],
    level: 'warning',
  },
  {
    name: 'NO with offers and no message',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.result = 'NO';
      return d;
    })(),
    findings: [
      { ruleId: 'EB-OFF-09', pointer: '/meta' },
      { ruleId: 'EB-OFF-09', pointer: '/offers' },
    ],
  },
]);
