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
  {
    name: 'a trailing slash after the uuid: the uuid is no longer the last segment',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[2].meta.url = `${d.offers[2].meta.url}/`;
      return d;
    })(),
    findings: [{ ruleId: 'EB-REF-06', pointer: '/offers/2/meta/url' }],
  },
  {
    name: 'the uuid glued to the end of another segment is not its own segment',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[0].meta.url = `https://broker.example.org/sessions/offer-${d.offers[0].meta.uuid}`;
      return d;
    })(),
    findings: [{ ruleId: 'EB-REF-06', pointer: '/offers/0/meta/url' }],
  },
  {
    name: 'a relative url ending with the uuid passes',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[0].meta.url = `/sessions/${d.offers[0].meta.uuid}`;
      return d;
    })(),
    findings: [],
  },
]);
