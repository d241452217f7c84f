import expires from '../../../../src/validate/rules/sch/expires.js';
import { offerset, session, accepted } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(expires, [
  { name: 'offered with expires passes', type: 'session', doc: session(), findings: [] },
  { name: 'accepted without expires passes', type: 'session', doc: accepted(), findings: [] },
  {
    name: 'offered without expires',
    type: 'session',
    doc: (() => {
      const d = session();
      delete d.expires;
      return d;
    })(),
    findings: [{ ruleId: 'EB-LIFE-12', pointer: '' }],
    level: 'error',
  },
  {
    name: 'accepted with expires',
    type: 'session',
    doc: (() => {
      const d = accepted();
      d.expires = '2026-08-14T11:00:00Z';
      return d;
    })(),
    findings: [{ ruleId: 'EB-SCH-06', pointer: '/expires' }],
    level: 'warning',
  },
  {
    // Jackson writes an absent member as null: no time, so OFFERED lacks one and RUNNING has none to warn about.
    name: 'offered with a null expires',
    type: 'session',
    doc: { ...session(), expires: null },
    findings: [{ ruleId: 'EB-LIFE-12', pointer: '/expires' }],
    level: 'error',
  },
  { name: 'accepted with a null expires', type: 'session', doc: { ...accepted(), expires: null }, findings: [] },
  {
    name: 'offer expiring before its offer set was created',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[0].expires = '2026-08-14T10:00:00Z';
      return d;
    })(),
    findings: [{ ruleId: 'EB-LIFE-12', pointer: '/offers/0/expires' }],
  },
  {
    // Java's Instant writes nanoseconds: 19 µs later is later, though both round to the same millisecond.
    name: 'offer expiring microseconds after its offer set was created',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.meta.created = '2026-08-14T10:55:00.197813204Z';
      d.offers[0].expires = '2026-08-14T10:55:00.197831836Z';
      return d;
    })(),
    findings: [],
  },
  {
    name: 'offer expiring at its offer set creation, written with more digits',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.meta.created = '2026-08-14T10:55:00.1978Z';
      d.offers[0].expires = '2026-08-14T10:55:00.197800000Z';
      return d;
    })(),
    findings: [{ ruleId: 'EB-LIFE-12', pointer: '/offers/0/expires' }],
  },
  {
    name: 'offer expiring a nanosecond before its offer set was created, across a millisecond',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.meta.created = '2026-08-14T10:55:00.198Z';
      d.offers[0].expires = '2026-08-14T10:55:00.197999999Z';
      return d;
    })(),
    findings: [{ ruleId: 'EB-LIFE-12', pointer: '/offers/0/expires' }],
  },
]);
