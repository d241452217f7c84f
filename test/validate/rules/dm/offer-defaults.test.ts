import rule from '../../../../src/validate/rules/dm/offer-defaults.js';
import { offerset } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

type Json = ReturnType<typeof offerset>;

function edited(edit: (o: Json) => void): Json {
  const d = offerset();
  edit(d);
  return d;
}

testRule(rule, [
  {
    name: 'passes offers that state duration, cores, memory and volume mode and path',
    type: 'offerset',
    doc: edited((o) => {
      o.offers[0].compute.volumes = [{ kind: 'k', mode: 'READONLY', path: '/in', resource: 'x' }];
    }),
    findings: [],
  },
  {
    name: 'warns at a volume without mode or path (EB-DEF-04)',
    type: 'offerset',
    doc: edited((o) => {
      o.offers[0].compute.volumes = [{ kind: 'k', resource: 'x' }];
    }),
    level: 'warning',
    findings: [{ ruleId: 'EB-DEF-04', pointer: '/offers/0/compute/volumes/0' }],
  },
  {
    name: 'warns at an available block without duration and a compute without cores (EB-DEF-01, -03)',
    type: 'offerset',
    doc: edited((o) => {
      delete o.offers[1].schedule.available.duration;
      delete o.offers[1].compute.cores;
    }),
    level: 'warning',
    findings: [
      { ruleId: 'EB-DEF-03', pointer: '/offers/1/compute' },
      { ruleId: 'EB-DEF-01', pointer: '/offers/1/schedule/available' },
    ],
  },
  {
    name: 'warns at an offer with no compute at all: the default it applies is stated (EB-DEF-03)',
    type: 'offerset',
    doc: edited((o) => {
      delete o.offers[2].compute;
    }),
    level: 'warning',
    findings: [{ ruleId: 'EB-DEF-03', pointer: '/offers/2' }],
  },
  {
    name: 'judges only offers, not sessions in later phases',
    type: 'offerset',
    doc: edited((o) => {
      o.offers[0].phase = 'RUNNING';
      o.offers[0].compute.volumes = [{ kind: 'k', resource: 'x' }];
    }),
    findings: [],
  },
]);
