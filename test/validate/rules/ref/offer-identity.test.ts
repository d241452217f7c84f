import offerIdentity from '../../../../src/validate/rules/ref/offer-identity.js';
import { offerset } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(offerIdentity, [
  { name: 'distinct uuids and own urls', type: 'offerset', doc: offerset(), findings: [] },
  {
    name: 'duplicate uuid and a url that no longer ends with it',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[1].meta.uuid = d.offers[0].meta.uuid;
      return d;
    })(),
    findings: [
      { ruleId: 'EB-REF-06', pointer: '/offers/1/meta/url' },
      { ruleId: 'EB-REF-06', pointer: '/offers/1/meta/uuid' },
    ],
  },
]);
