import { describe, it } from 'vitest';
import dataStorageLinks from '../../../src/validate/rules/ref/data-storage-links.js';
import offerIdentity from '../../../src/validate/rules/ref/offer-identity.js';
import uniqueNames from '../../../src/validate/rules/ref/unique-names.js';
import volumeResource from '../../../src/validate/rules/ref/volume-resource.js';
import { offerset, request, runCase, type RuleCase } from '../helpers/fixtures.js';

const tables: [typeof uniqueNames, RuleCase[]][] = [
  [
    uniqueNames,
    [
      { name: 'distinct names pass', type: 'request', doc: request(), findings: [] },
      {
        name: 'two volumes with one name (EB-REF-02)',
        type: 'request',
        doc: (() => { const d = request(); d.compute.volumes[1].meta.name = d.compute.volumes[0].meta.name; return d; })(),
        findings: ['EB-REF-02'],
        level: 'error',
      },
      {
        name: 'storage named like the executable (EB-REF-05)',
        type: 'request',
        doc: (() => { const d = request(); d.storage[0].meta.name = d.executable.meta.name; return d; })(),
        findings: ['EB-REF-05'],
      },
    ],
  ],
  [
    volumeResource,
    [
      { name: 'resources resolve', type: 'request', doc: request(), findings: [] },
      {
        name: 'dangling resource',
        type: 'request',
        doc: (() => { const d = request(); d.compute.volumes[0].resource = 'nowhere'; return d; })(),
        findings: ['EB-REF-03'],
      },
      {
        name: 'resource names both a storage and a data resource',
        type: 'request',
        doc: (() => { const d = request(); d.data[0].meta.uuid = 'work-space'; return d; })(),
        findings: ['EB-REF-03'],
      },
      {
        name: 'resource by uuid resolves',
        type: 'request',
        doc: (() => { const d = request(); d.data[0].meta.uuid = 'u-1'; d.compute.volumes[0].resource = 'u-1'; return d; })(),
        findings: [],
      },
    ],
  ],
  [
    dataStorageLinks,
    [
      { name: 'links resolve', type: 'request', doc: request(), findings: [] },
      {
        name: 'data names missing storage',
        type: 'request',
        doc: (() => { const d = request(); d.data[0].storage = 'nope'; return d; })(),
        findings: ['EB-REF-04'],
      },
      {
        name: 'storage names missing data',
        type: 'request',
        doc: (() => { const d = request(); d.storage[0].data = ['gaia-subset', 'ghost']; return d; })(),
        findings: ['EB-REF-04'],
      },
    ],
  ],
  [
    offerIdentity,
    [
      { name: 'distinct uuids and own urls', type: 'offerset', doc: offerset(), findings: [] },
      {
        name: 'duplicate uuid and a url that no longer ends with it',
        type: 'offerset',
        doc: (() => { const d = offerset(); d.offers[1].meta.uuid = d.offers[0].meta.uuid; return d; })(),
        findings: ['EB-REF-06', 'EB-REF-06'],
      },
    ],
  ],
];

for (const [rule, cases] of tables) {
  describe(`rule ${rule.slug}`, () => {
    for (const c of cases) it(c.name, () => runCase(rule, c));
  });
}
