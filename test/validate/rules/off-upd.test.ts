import { describe, it } from 'vitest';
import oneSlot from '../../../src/validate/rules/off/one-slot.js';
import resultOffers from '../../../src/validate/rules/off/result-offers.js';
import optionsPhase from '../../../src/validate/rules/upd/options-phase.js';
import updateShape from '../../../src/validate/rules/upd/update-shape.js';
import { accepted, example, offerset, runCase, session, update, type RuleCase } from '../helpers/fixtures.js';

function withSlot(start: unknown): ReturnType<typeof session> {
  const d = session();
  d.schedule = { available: { start, duration: 'PT1H' } };
  return d;
}

const tables: [typeof oneSlot, RuleCase[]][] = [
  [
    resultOffers,
    [
      { name: 'YES with offers passes', type: 'offerset', doc: offerset(), findings: [] },
      { name: 'NO with messages passes', type: 'offerset', doc: example('valid/offerset-no-with-messages.yaml'), findings: [] },
      {
        name: 'YES without offers',
        type: 'offerset',
        doc: (() => { const d = offerset(); d.offers = []; return d; })(),
        findings: ['EB-OFF-09'],
        level: 'warning',
      },
      {
        name: 'NO with offers and no message',
        type: 'offerset',
        doc: (() => { const d = offerset(); d.result = 'NO'; return d; })(),
        findings: ['EB-OFF-09', 'EB-OFF-09'],
      },
    ],
  ],
  [
    oneSlot,
    [
      { name: 'an exact start passes', type: 'session', doc: withSlot('2026-08-14T11:10:00Z/PT0S'), findings: [] },
      { name: 'an instant passes', type: 'session', doc: withSlot('2026-08-14T11:10:00Z'), findings: [] },
      { name: 'start = end passes', type: 'session', doc: withSlot('2026-08-14T11:10:00Z/2026-08-14T11:10:00Z'), findings: [] },
      { name: 'a window is information', type: 'session', doc: withSlot('2026-08-14T11:10:00Z/PT15M'), findings: ['EB-OFF-14'], level: 'info' },
      { name: 'two slots', type: 'session', doc: withSlot(['2026-08-14T11:10:00Z/PT0S', '2026-08-14T13:10:00Z/PT0S']), findings: ['EB-OFF-14'], level: 'error' },
      { name: 'a repeating start', type: 'session', doc: withSlot('R3/2026-08-14T11:10:00Z/PT1H'), findings: ['EB-OFF-14'], level: 'error' },
    ],
  ],
  [
    optionsPhase,
    [
      { name: 'OFFERED with accept/reject passes', type: 'session', doc: session(), findings: [] },
      { name: 'ACCEPTED with cancel passes', type: 'session', doc: accepted(), findings: [] },
      { name: 'COMPLETED without options passes', type: 'session', doc: example('valid/session-completed.yaml'), findings: [] },
      {
        name: 'OFFERED offering CANCELLED',
        type: 'session',
        doc: (() => { const d = session(); d.meta.options[0].values = ['ACCEPTED', 'REJECTED', 'CANCELLED']; return d; })(),
        findings: ['EB-UPD-03'],
      },
      {
        name: 'OFFERED without any option',
        type: 'session',
        doc: (() => { const d = session(); delete d.meta.options; return d; })(),
        findings: ['EB-UPD-03'],
      },
      {
        name: 'ACCEPTED offering ACCEPTED again',
        type: 'session',
        doc: (() => { const d = accepted(); d.meta.options[0].values = ['CANCELLED', 'ACCEPTED']; return d; })(),
        findings: ['EB-UPD-04'],
      },
      {
        name: 'COMPLETED still offering a phase change',
        type: 'session',
        doc: (() => { const d = accepted(); d.phase = 'COMPLETED'; return d; })(),
        findings: ['EB-LIFE-07'],
      },
    ],
  ],
  [
    updateShape,
    [
      { name: 'a phase update passes', type: 'update', doc: update(), findings: [] },
      { name: 'missing value', type: 'update', doc: { kind: 'uri:enum-value-update', path: 'phase' }, findings: ['EB-UPD-05'] },
      { name: 'missing path', type: 'update', doc: { kind: 'uri:enum-value-update', value: 'ACCEPTED' }, findings: ['EB-UPD-05'] },
      { name: 'delta without delta', type: 'update', doc: { kind: 'uri:integer-delta-update', path: '/compute/cores/min', value: 2 }, findings: ['EB-UPD-05'] },
      { name: 'integer value as text', type: 'update', doc: { kind: 'uri:integer-value-update', path: '/compute/cores/min', value: 'two' }, findings: ['EB-UPD-05'] },
      {
        name: 'enum option without values',
        type: 'session',
        doc: (() => { const d = session(); delete d.meta.options[0].values; return d; })(),
        findings: ['EB-UPD-05'],
      },
    ],
  ],
];

for (const [rule, cases] of tables) {
  describe(`rule ${rule.slug}`, () => {
    for (const c of cases) it(c.name, () => runCase(rule, c));
  });
}
