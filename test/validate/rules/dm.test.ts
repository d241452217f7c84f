import { describe, it } from 'vitest';
import minMax from '../../../src/validate/rules/dm/min-max.js';
import units from '../../../src/validate/rules/dm/units.js';
import unknownProperties from '../../../src/validate/rules/dm/unknown-properties.js';
import { expect } from 'vitest';
import { validate } from '../../../src/validate/index.js';
import { offerset, request, runCase, update, type RuleCase } from '../helpers/fixtures.js';

const tables: [typeof minMax, RuleCase[]][] = [
  [
    minMax,
    [
      { name: 'ordered pairs pass', type: 'request', doc: request(), findings: [] },
      {
        name: 'min above max',
        type: 'request',
        doc: (() => { const d = request(); d.compute.cores = { min: 8, max: 2 }; return d; })(),
        findings: ['EB-DM-01'],
        level: 'error',
      },
      {
        name: 'negative size',
        type: 'request',
        doc: (() => { const d = request(); d.storage[0].size = { min: -1 }; return d; })(),
        findings: ['EB-DM-01'],
      },
      {
        name: 'offered cost pair inverted',
        type: 'offerset',
        doc: (() => {
          const d = offerset();
          d.offers[0].costs = [{ kind: 'x', min: 5, max: 1 }];
          return d;
        })(),
        findings: ['EB-DM-01'],
      },
      {
        name: 'a negative delta option is allowed',
        type: 'offerset',
        doc: (() => {
          const d = offerset();
          d.offers[0].meta.options.push({ kind: 'uri:integer-delta-option', path: '/compute/cores/min', min: -2, max: 2 });
          return d;
        })(),
        findings: [],
      },
    ],
  ],
  [
    units,
    [
      { name: 'GiB passes', type: 'update', doc: { kind: 'uri:integer-value-update', path: '/compute/memory/max', value: 4, units: 'GiB' }, findings: [] },
      { name: 'parsecs fail', type: 'update', doc: { kind: 'uri:integer-value-update', path: '/compute/memory/max', value: 4, units: 'parsecs' }, findings: ['EB-DM-04'] },
    ],
  ],
  [
    unknownProperties,
    [
      { name: 'known members pass', type: 'request', doc: request(), findings: [] },
      {
        name: 'a typo is information',
        type: 'request',
        doc: (() => { const d = request(); d.compute.memroy = d.compute.memory; return d; })(),
        findings: ['EB-DM-08'],
        level: 'info',
      },
      { name: 'updates are checked too', type: 'update', doc: { ...update(), valeu: 'x' }, findings: ['EB-DM-08'] },
      { name: 'a request root typo is information', type: 'request', doc: { ...request(), shedule: {} }, findings: ['EB-DM-08'], level: 'info' },
      { name: 'an offer-set root expires is information', type: 'offerset', doc: { ...offerset(), expires: '2026-08-14T11:00:00Z' }, findings: ['EB-DM-08'], level: 'info' },
      { name: 'a root member of an older generation is left to older-generation', type: 'request', doc: { ...request(), volumes: [] }, findings: [] },
    ],
  ],
];

describe('unknown root members', () => {
  it('suggest the nearest member and point at the member', () => {
    const [f] = validate({ ...request(), shedule: {} }, { type: 'request', rules: [unknownProperties], schema: false }).findings;
    expect(f?.pointer).toBe('/shedule');
    expect(f?.params?.suggestion).toBe('schedule');
    expect(f?.message).toMatch(/not a member of a request \(did you mean "schedule"\?\)/);
  });
});

for (const [rule, cases] of tables) {
  describe(`rule ${rule.slug}`, () => {
    for (const c of cases) it(c.name, () => runCase(rule, c));
  });
}

describe('suggestions', () => {
  it('names the nearest known member and the nearest unit', () => {
    const d = request();
    d.compute.memroy = 4;
    const typo = validate(d, { type: 'request', rules: [unknownProperties], schema: false }).findings[0];
    expect(typo?.params?.suggestion).toBe('memory');
    expect(typo?.message).toContain('did you mean "memory"');
    const u = validate({ kind: 'uri:integer-value-update', path: 'p', value: 1, units: 'Gib' }, { type: 'update', rules: [units], schema: false });
    expect(u.findings[0]?.params?.suggestion).toBe('GiB');
  });
});
