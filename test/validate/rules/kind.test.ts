import { describe, expect, it } from 'vitest';
import olderGeneration from '../../../src/validate/rules/kind/older-generation.js';
import unknownKind from '../../../src/validate/rules/kind/unknown-kind.js';
import { validate } from '../../../src/validate/index.js';
import { K } from '../helpers/corpus.js';
import { request, runCase, type RuleCase } from '../helpers/fixtures.js';

const tables: [typeof unknownKind, RuleCase[]][] = [
  [
    unknownKind,
    [
      { name: 'known kinds pass', type: 'request', doc: request(), findings: [] },
      {
        name: 'an extension kind is information',
        type: 'request',
        doc: (() => { const d = request(); d.executable.kind = 'https://example.org/kinds/zeppelin-notebook.yaml'; return d; })(),
        findings: ['EB-DM-06'],
        level: 'info',
      },
      {
        name: 'a storage kind where the executable belongs is an error',
        type: 'request',
        doc: (() => { const d = request(); d.executable.kind = `${K}/storage/simple-storage-resource.yaml`; return d; })(),
        findings: ['EB-DM-09'],
        level: 'error',
      },
    ],
  ],
  [
    olderGeneration,
    [
      { name: '1.0 kinds pass', type: 'request', doc: request(), findings: [] },
      {
        name: '2025-11 URI',
        type: 'request',
        doc: (() => { const d = request(); d.executable.kind = 'https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0'; return d; })(),
        findings: ['EB-DM-07'],
        level: 'warning',
      },
      {
        name: '2025-04 computer URI',
        type: 'request',
        doc: (() => { const d = request(); d.compute.kind = 'https://www.purl.org/ivoa.net/EB/schema/types/computer/simple-compute-resource-1.0'; return d; })(),
        findings: ['EB-DM-07'],
      },
      {
        name: 'draft text uri:docker-container-1.0 under type',
        type: 'request',
        doc: (() => { const d = request(); delete d.executable.kind; d.executable.type = 'uri:docker-container-1.0'; return d; })(),
        findings: ['EB-DM-07'],
      },
      {
        name: 'draft text executable-types URL',
        type: 'request',
        doc: (() => { const d = request(); d.executable.kind = 'https://www.purl.org/ivoa.net/executable-types/jupyter-notebook'; return d; })(),
        findings: ['EB-DM-07'],
      },
    ],
  ],
];

for (const [rule, cases] of tables) {
  describe(`rule ${rule.slug}`, () => {
    for (const c of cases) it(c.name, () => runCase(rule, c));
  });
}

describe('older generations name the generation and the 1.0 URI', () => {
  const cases: [string, string, string | undefined][] = [
    ['https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0', '2025-11', `${K}/executable/docker-container.yaml`],
    ['https://www.purl.org/ivoa.net/EB/schema/types/computer/simple-compute-resource-1.0', '2025-04', `${K}/compute/simple-compute-resource.yaml`],
    ['uri:docker-container-1.0', 'draft text', `${K}/executable/docker-container.yaml`],
    ['https://www.purl.org/ivoa.net/executable-types/jupyter-notebook', 'draft text', `${K}/executable/jupyter-notebook.yaml`],
    [`${K}/computer/simple-compute-resource.yaml`, 'broker', `${K}/compute/simple-compute-resource.yaml`],
  ];
  for (const [uri, generation, replacement] of cases) {
    it(uri, () => {
      const d = request();
      if (uri.includes('compute')) d.compute.kind = uri;
      else d.executable.kind = uri;
      const [f] = validate(d, { type: 'request', rules: [olderGeneration], schema: false }).findings;
      expect(f?.params?.generation).toContain(generation);
      expect(f?.params?.replacement).toBe(replacement);
      expect(f?.message).toContain(replacement);
    });
  }
});
