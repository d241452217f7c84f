import scheduleOrder from '../../../../src/validate/rules/sch/schedule-order.js';
import { accepted, offerset } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

/** A schedule whose releasing starts before its available start (EB-SCH-07 broken at releasing.start). */
const releasingFirst = (): Record<string, unknown> => ({
  preparing: { start: '2026-08-14T11:05:00Z', duration: 'PT5M' },
  available: { start: '2026-08-14T11:10:00Z/PT0S', duration: 'PT1H' },
  releasing: { start: '2026-08-14T11:00:00Z', duration: 'PT1M' },
});
/** A schedule whose preparing starts after its available start (EB-SCH-07 broken at available.start). */
const preparingLate = (): Record<string, unknown> => ({
  preparing: { start: '2026-08-14T12:10:00Z', duration: 'PT5M' },
  available: { start: '2026-08-14T11:10:00Z/PT0S', duration: 'PT1H' },
  releasing: { start: '2026-08-14T12:10:00Z', duration: 'PT1M' },
});
const ordered = (): Record<string, unknown> => ({
  preparing: { start: '2026-08-14T11:05:00Z', duration: 'PT5M' },
  available: { start: '2026-08-14T11:10:00Z/PT0S', duration: 'PT1H' },
  releasing: { start: '2026-08-14T12:10:00Z', duration: 'PT1M' },
});

testRule(scheduleOrder, [
  { name: 'ordered schedule passes', type: 'offerset', doc: offerset(), findings: [] },
  {
    name: 'releasing before available',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[0].schedule = releasingFirst();
      return d;
    })(),
    findings: [{ ruleId: 'EB-SCH-07', pointer: '/offers/0/schedule/releasing/start' }],
  },
  {
    name: 'ordered component schedules pass',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[0].executable.schedule = ordered();
      d.offers[1].compute.schedule = ordered();
      return d;
    })(),
    findings: [],
  },
  {
    name: 'a component schedule out of order, on the executable and the compute resource',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[0].executable.schedule = releasingFirst();
      d.offers[2].compute.schedule = preparingLate();
      return d;
    })(),
    findings: [
      { ruleId: 'EB-SCH-07', pointer: '/offers/0/executable/schedule/releasing/start' },
      { ruleId: 'EB-SCH-07', pointer: '/offers/2/compute/schedule/available/start' },
    ],
  },
  {
    name: 'a storage and a data resource schedule out of order',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.offers[1].storage[0].schedule = releasingFirst();
      d.offers[1].data[0].schedule = preparingLate();
      return d;
    })(),
    findings: [
      { ruleId: 'EB-SCH-07', pointer: '/offers/1/storage/0/schedule/releasing/start' },
      { ruleId: 'EB-SCH-07', pointer: '/offers/1/data/0/schedule/available/start' },
    ],
  },
  {
    name: 'a session document: the component schedule is judged as well as the session one',
    type: 'session',
    doc: (() => {
      const d = accepted();
      d.executable.schedule = releasingFirst();
      return d;
    })(),
    findings: [{ ruleId: 'EB-SCH-07', pointer: '/executable/schedule/releasing/start' }],
  },
]);
