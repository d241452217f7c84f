import timeValues from '../../../../src/validate/rules/sch/time-values.js';
import { request, session } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

function withStart(start: unknown): ReturnType<typeof request> {
  const d = request();
  d.schedule.requested.start = start;
  return d;
}

testRule(timeValues, [
  { name: 'start/duration passes', type: 'request', doc: withStart('2026-08-14T11:00:00Z/PT2H'), findings: [] },
  {
    name: 'start/end passes',
    type: 'request',
    doc: withStart('2026-08-14T11:00:00Z/2026-08-14T12:00:00Z'),
    findings: [],
  },
  { name: 'a bare instant passes', type: 'request', doc: withStart('2026-08-14T11:00:00+02:00'), findings: [] },
  { name: 'the tex forms pass (EB-SCH-01)', type: 'request', doc: withStart('2023-08-14T11:30Z/PT30M'), findings: [] },
  { name: 'a date-only start/duration passes', type: 'request', doc: withStart('2023-08-14/P1D'), findings: [] },
  { name: 'a bare date passes', type: 'request', doc: withStart('2023-08-14'), findings: [] },
  {
    name: 'an instant without seconds or offset passes',
    type: 'request',
    doc: withStart('2023-08-14T11:30'),
    findings: [],
  },
  {
    name: 'a date end covers its whole day (EB-SCH-11)',
    type: 'request',
    doc: withStart('2023-08-14T12:00Z/2023-08-14'),
    findings: [],
  },
  {
    name: 'an abbreviated end',
    type: 'request',
    doc: withStart('2023-08-14T11:30Z/T12:00Z'),
    findings: [{ ruleId: 'EB-SCH-01', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'an abbreviated date end',
    type: 'request',
    doc: withStart('2023-08-14/15'),
    findings: [{ ruleId: 'EB-SCH-01', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'a garbage end is a syntax error, not an abbreviation',
    type: 'request',
    doc: withStart('2023-08-14T11:30Z/junk'),
    findings: [{ ruleId: 'EB-SCH-05', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'a list of start ranges passes (EB-SCH-12)',
    type: 'request',
    doc: withStart(['2026-08-14T09:00:00Z/PT1H', '2026-08-15']),
    findings: [],
  },
  {
    name: 'a bad item of a start list is pointed at (EB-SCH-12)',
    type: 'request',
    doc: withStart(['2026-08-14T09:00:00Z/PT1H', 'PT2H/2026-08-15T00:00:00Z']),
    findings: [{ ruleId: 'EB-SCH-01', pointer: '/schedule/requested/start/1' }],
  },
  {
    name: 'a date end before the start day',
    type: 'request',
    doc: withStart('2023-08-14T12:00Z/2023-08-13'),
    findings: [{ ruleId: 'EB-SCH-08', pointer: '/schedule/requested/start' }],
  },
  {
    name: '29 February of a leap year passes',
    type: 'request',
    doc: withStart('2028-02-29T11:00:00Z/PT1H'),
    findings: [],
  },
  {
    name: '30 February',
    type: 'request',
    doc: withStart('2026-02-30T11:00:00Z/PT2H'),
    findings: [{ ruleId: 'EB-DM-05', pointer: '/schedule/requested/start' }],
  },
  {
    name: '29 February of a common year',
    type: 'request',
    doc: withStart('2026-02-29T11:00:00Z/PT2H'),
    findings: [{ ruleId: 'EB-DM-05', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'hour 24',
    type: 'request',
    doc: withStart('2026-08-14T24:00:00Z/PT2H'),
    findings: [{ ruleId: 'EB-DM-05', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'minute 60',
    type: 'request',
    doc: withStart('2026-08-14T11:60:00Z/PT2H'),
    findings: [{ ruleId: 'EB-DM-05', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'month 13',
    type: 'request',
    doc: withStart('2026-13-01T11:00:00Z'),
    findings: [{ ruleId: 'EB-DM-05', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'duration/end',
    type: 'request',
    doc: withStart('PT2H/2026-08-14T13:00:00Z'),
    findings: [{ ruleId: 'EB-SCH-01', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'bare duration',
    type: 'request',
    doc: withStart('PT2H'),
    findings: [{ ruleId: 'EB-SCH-01', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'repeating',
    type: 'request',
    doc: withStart('R2/2026-08-14T11:00:00Z/PT1H'),
    findings: [{ ruleId: 'EB-SCH-01', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'end before start',
    type: 'request',
    doc: withStart('2026-08-14T11:00:00Z/2026-08-14T10:00:00Z'),
    findings: [{ ruleId: 'EB-SCH-08', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'garbage',
    type: 'request',
    doc: withStart('tomorrow'),
    findings: [{ ruleId: 'EB-SCH-05', pointer: '/schedule/requested/start' }],
  },
  {
    name: 'empty duration',
    type: 'request',
    doc: (() => {
      const d = request();
      d.schedule.requested.duration = 'PT';
      return d;
    })(),
    findings: [{ ruleId: 'EB-SCH-05', pointer: '/schedule/requested/duration' }],
  },
  {
    name: 'expires must be a date-time',
    type: 'session',
    doc: (() => {
      const d = session();
      d.expires = '2026-08-14';
      return d;
    })(),
    findings: [{ ruleId: 'EB-SCH-05', pointer: '/expires' }],
  },
  {
    name: 'a leap second is refused, as xs:dateTime refuses it (one verdict for the JSON and XML forms)',
    type: 'session',
    doc: (() => {
      const d = session();
      d.expires = '2016-12-31T23:59:60Z';
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-05', pointer: '/expires' }],
  },
]);
