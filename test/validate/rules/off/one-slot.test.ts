import oneSlot from '../../../../src/validate/rules/off/one-slot.js';
import { session } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

function withSlot(start: unknown): ReturnType<typeof session> {
  const d = session();
  d.schedule = { available: { start, duration: 'PT1H' } };
  return d;
}

testRule(oneSlot, [
  { name: 'an exact start passes', type: 'session', doc: withSlot('2026-08-14T11:10:00Z/PT0S'), findings: [] },
  { name: 'an instant passes', type: 'session', doc: withSlot('2026-08-14T11:10:00Z'), findings: [] },
  {
    name: 'start = end passes',
    type: 'session',
    doc: withSlot('2026-08-14T11:10:00Z/2026-08-14T11:10:00Z'),
    findings: [],
  },
  // Spec §3.6: an offer's start is `<instant>/<width>`, a short width within which the session becomes available.
  { name: 'a window is one slot', type: 'session', doc: withSlot('2026-08-14T11:10:00Z/PT15M'), findings: [] },
  {
    name: 'two slots',
    type: 'session',
    doc: withSlot(['2026-08-14T11:10:00Z/PT0S', '2026-08-14T13:10:00Z/PT0S']),
    findings: [{ ruleId: 'EB-OFF-14', pointer: '/schedule/available/start' }],
    level: 'error',
  },
  {
    name: 'a repeating start',
    type: 'session',
    doc: withSlot('R3/2026-08-14T11:10:00Z/PT1H'),
    findings: [{ ruleId: 'EB-OFF-14', pointer: '/schedule/available/start' }],
    level: 'error',
  },
]);
