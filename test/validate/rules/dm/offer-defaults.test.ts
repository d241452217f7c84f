import { describe, expect, it } from 'vitest';
import rule from '../../../../src/validate/rules/dm/offer-defaults.js';
import { validate } from '../../../../src/validate/index.js';
import { offerset } from '../../helpers/fixtures.js';

type Json = ReturnType<typeof offerset>;
const run = (edit: (o: Json) => void) => {
  const d = offerset();
  edit(d);
  return validate(d, { type: 'offerset', rules: [rule], schema: false }).findings.map((f) => [f.ruleId, f.level, f.pointer]);
};

describe('offer-defaults (EB-DEF-01, -03, -04)', () => {
  it('passes offers that state duration, cores, memory and volume mode and path', () => {
    expect(run((o) => { o.offers[0].compute.volumes = [{ kind: 'k', mode: 'READONLY', path: '/in', resource: 'x' }]; })).toEqual([]);
  });
  it('warns at a volume without mode or path', () => {
    expect(run((o) => { o.offers[0].compute.volumes = [{ kind: 'k', resource: 'x' }]; })).toEqual([['EB-DEF-04', 'warning', '/offers/0/compute/volumes/0']]);
  });
  it('warns at an available block without duration and a compute without cores', () => {
    expect(run((o) => { delete o.offers[1].schedule.available.duration; delete o.offers[1].compute.cores; })).toEqual([
      ['EB-DEF-03', 'warning', '/offers/1/compute'],
      ['EB-DEF-01', 'warning', '/offers/1/schedule/available'],
    ]);
  });
  it('judges only offers, not sessions in later phases', () => {
    expect(run((o) => { o.offers[0].phase = 'RUNNING'; o.offers[0].compute.volumes = [{ kind: 'k', resource: 'x' }]; })).toEqual([]);
  });
});
