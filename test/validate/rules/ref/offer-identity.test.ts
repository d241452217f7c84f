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
  {
    name: 'a UUID is the same in either case: an upper-case uuid in a lower-case url is its own (RFC 9562 §4)',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[0].meta.uuid = String(d.offers[0].meta.uuid).toUpperCase();
      return d;
    })(),
    findings: [],
  },
  {
    name: 'two uuids that differ only in case are one uuid used twice',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[1].meta.uuid = String(d.offers[0].meta.uuid).toUpperCase();
      d.offers[1].meta.url = `https://broker.example.org/sessions/${d.offers[1].meta.uuid}`;
      return d;
    })(),
    findings: [{ ruleId: 'EB-REF-06', pointer: '/offers/1/meta/uuid' }],
  },
]);
