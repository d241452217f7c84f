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
]);
