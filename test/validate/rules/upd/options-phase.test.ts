import optionsPhase from '../../../../src/validate/rules/upd/options-phase.js';
import { session, accepted, example } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(optionsPhase, [
  { name: 'OFFERED with accept/reject passes', type: 'session', doc: session(), findings: [] },
  { name: 'ACCEPTED with cancel passes', type: 'session', doc: accepted(), findings: [] },
  {
    name: 'COMPLETED without options passes',
    type: 'session',
    doc: example('valid/session-completed.yaml'),
    findings: [],
  },
  {
    name: 'OFFERED offering CANCELLED',
    type: 'session',
    doc: (() => {
      const d = session();
      d.meta.options[0].values = ['ACCEPTED', 'REJECTED', 'CANCELLED'];
      return d;
    })(),
    findings: [{ ruleId: 'EB-UPD-03', pointer: '/meta/options/0/values/2' }],
  },
  {
    name: 'OFFERED without any option',
    type: 'session',
    doc: (() => {
      const d = session();
      delete d.meta.options;
      return d;
    })(),
    findings: [{ ruleId: 'EB-UPD-03', pointer: '/meta' }],
    level: 'warning',
  },
  {
    name: 'OFFERED with a phase option lacking REJECTED',
    type: 'session',
    doc: (() => {
      const d = session();
      d.meta.options[0].values = ['ACCEPTED'];
      return d;
    })(),
    findings: [{ ruleId: 'EB-UPD-03', pointer: '/meta' }],
    level: 'error',
  },
  {
    name: 'RUNNING without any option (a public read)',
    type: 'session',
    doc: (() => {
      const d = accepted();
      d.phase = 'RUNNING';
      delete d.meta.options;
      return d;
    })(),
    findings: [{ ruleId: 'EB-LIFE-07', pointer: '/meta' }],
    level: 'warning',
  },
  {
    name: 'ACCEPTED offering ACCEPTED again',
    type: 'session',
    doc: (() => {
      const d = accepted();
      d.meta.options[0].values = ['CANCELLED', 'ACCEPTED'];
      return d;
    })(),
    findings: [{ ruleId: 'EB-UPD-04', pointer: '/meta/options/0/values/1' }],
  },
  {
    name: 'COMPLETED still offering a phase change',
    type: 'session',
    doc: (() => {
      const d = accepted();
      d.phase = 'COMPLETED';
      return d;
    })(),
    findings: [{ ruleId: 'EB-LIFE-07', pointer: '/meta/options/0' }],
  },
]);
