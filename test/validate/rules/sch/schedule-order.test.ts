import scheduleOrder from '../../../../src/validate/rules/sch/schedule-order.js';
import { offerset } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(scheduleOrder, [
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
    findings: [{ ruleId: 'EB-SCH-07', pointer: '/offers/0/schedule/releasing/start' }],
  },
]);
