import { describe, expect, it } from 'vitest';
import expires from '../../../src/validate/rules/sch/expires.js';
import scheduleOrder from '../../../src/validate/rules/sch/schedule-order.js';
import timeValues from '../../../src/validate/rules/sch/time-values.js';
import { accepted, offerset, request, runCase, session, type RuleCase } from '../helpers/fixtures.js';

function withStart(start: unknown): ReturnType<typeof request> {
  const d = request();
  d.schedule.requested.start = start;
  return d;
}

const tables: [typeof timeValues, RuleCase[]][] = [
  [
    timeValues,
    [
      { name: 'start/duration passes', type: 'request', doc: withStart('2026-08-14T11:00:00Z/PT2H'), findings: [] },
      { name: 'start/end passes', type: 'request', doc: withStart('2026-08-14T11:00:00Z/2026-08-14T12:00:00Z'), findings: [] },
      { name: 'a bare instant passes', type: 'request', doc: withStart('2026-08-14T11:00:00+02:00'), findings: [] },
      { name: 'the tex forms pass (EB-SCH-01)', type: 'request', doc: withStart('2023-08-14T11:30Z/PT30M'), findings: [] },
      { name: 'a date-only start/duration passes', type: 'request', doc: withStart('2023-08-14/P1D'), findings: [] },
      { name: 'a bare date passes', type: 'request', doc: withStart('2023-08-14'), findings: [] },
      { name: 'an instant without seconds or offset passes', type: 'request', doc: withStart('2023-08-14T11:30'), findings: [] },
      { name: 'a date end covers its whole day (EB-SCH-11)', type: 'request', doc: withStart('2023-08-14T12:00Z/2023-08-14'), findings: [] },
      { name: 'an abbreviated end', type: 'request', doc: withStart('2023-08-14T11:30Z/T12:00Z'), findings: ['EB-SCH-01'] },
      { name: 'an abbreviated date end', type: 'request', doc: withStart('2023-08-14/15'), findings: ['EB-SCH-01'] },
      { name: 'a garbage end is a syntax error, not an abbreviation', type: 'request', doc: withStart('2023-08-14T11:30Z/junk'), findings: ['EB-SCH-05'] },
      { name: 'a list of start ranges passes (EB-SCH-12)', type: 'request', doc: withStart(['2026-08-14T09:00:00Z/PT1H', '2026-08-15']), findings: [] },
      { name: 'a bad item of a start list', type: 'request', doc: withStart(['2026-08-14T09:00:00Z/PT1H', 'PT2H/2026-08-15T00:00:00Z']), findings: ['EB-SCH-01'] },
      { name: 'a date end before the start day', type: 'request', doc: withStart('2023-08-14T12:00Z/2023-08-13'), findings: ['EB-SCH-08'] },
      { name: '29 February of a leap year passes', type: 'request', doc: withStart('2028-02-29T11:00:00Z/PT1H'), findings: [] },
      { name: '30 February', type: 'request', doc: withStart('2026-02-30T11:00:00Z/PT2H'), findings: ['EB-DM-05'] },
      { name: '29 February of a common year', type: 'request', doc: withStart('2026-02-29T11:00:00Z/PT2H'), findings: ['EB-DM-05'] },
      { name: 'hour 24', type: 'request', doc: withStart('2026-08-14T24:00:00Z/PT2H'), findings: ['EB-DM-05'] },
      { name: 'minute 60', type: 'request', doc: withStart('2026-08-14T11:60:00Z/PT2H'), findings: ['EB-DM-05'] },
      { name: 'month 13', type: 'request', doc: withStart('2026-13-01T11:00:00Z'), findings: ['EB-DM-05'] },
      { name: 'duration/end', type: 'request', doc: withStart('PT2H/2026-08-14T13:00:00Z'), findings: ['EB-SCH-01'] },
      { name: 'bare duration', type: 'request', doc: withStart('PT2H'), findings: ['EB-SCH-01'] },
      { name: 'repeating', type: 'request', doc: withStart('R2/2026-08-14T11:00:00Z/PT1H'), findings: ['EB-SCH-01'] },
      { name: 'end before start', type: 'request', doc: withStart('2026-08-14T11:00:00Z/2026-08-14T10:00:00Z'), findings: ['EB-SCH-08'] },
      { name: 'garbage', type: 'request', doc: withStart('tomorrow'), findings: ['EB-SCH-05'] },
      {
        name: 'empty duration',
        type: 'request',
        doc: (() => { const d = request(); d.schedule.requested.duration = 'PT'; return d; })(),
        findings: ['EB-SCH-05'],
      },
      {
        name: 'expires must be a date-time',
        type: 'session',
        doc: (() => { const d = session(); d.expires = '2026-08-14'; return d; })(),
        findings: ['EB-SCH-05'],
      },
    ],
  ],
  [
    scheduleOrder,
    [
      { name: 'ordered schedule passes', type: 'offerset', doc: offerset(), findings: [] },
      {
        name: 'releasing before available',
        type: 'offerset',
        doc: (() => {
          const d = offerset();
          d.offers[0].schedule = {
            preparing: { start: '2026-08-14T11:05:00Z', duration: 'PT5M' },
            available: { start: '2026-08-14T11:10:00Z/PT0S', duration: 'PT1H' },
            releasing: { start: '2026-08-14T11:00:00Z', duration: 'PT1M' },
          };
          return d;
        })(),
        findings: ['EB-SCH-07'],
      },
    ],
  ],
  [
    expires,
    [
      { name: 'offered with expires passes', type: 'session', doc: session(), findings: [] },
      { name: 'accepted without expires passes', type: 'session', doc: accepted(), findings: [] },
      {
        name: 'offered without expires',
        type: 'session',
        doc: (() => { const d = session(); delete d.expires; return d; })(),
        findings: ['EB-LIFE-12'],
        level: 'error',
      },
      {
        name: 'accepted with expires',
        type: 'session',
        doc: (() => { const d = accepted(); d.expires = '2026-08-14T11:00:00Z'; return d; })(),
        findings: ['EB-SCH-06'],
        level: 'warning',
      },
      {
        name: 'offer expiring before its offer set was created',
        type: 'offerset',
        doc: (() => { const d = offerset(); d.offers[0].expires = '2026-08-14T10:00:00Z'; return d; })(),
        findings: ['EB-LIFE-12'],
      },
    ],
  ],
];

for (const [rule, cases] of tables) {
  describe(`rule ${rule.slug}`, () => {
    for (const c of cases) it(c.name, () => runCase(rule, c));
  });
}

describe('rule time-values on a list of start ranges (EB-SCH-12)', () => {
  it('points at the bad item of the list', async () => {
    const { validate } = await import('../../../src/validate/index.js');
    const doc = withStart(['2026-08-14T09:00:00Z/PT1H', 'R2/2026-08-15T00:00:00Z/PT1H']);
    const found = validate(doc, { type: 'request', rules: [timeValues], schema: false }).findings.map((f) => [f.ruleId, f.pointer]);
    expect(found).toEqual([['EB-SCH-01', '/schedule/requested/start/1']]);
  });
});
