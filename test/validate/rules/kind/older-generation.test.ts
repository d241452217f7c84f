import { describe, expect, it } from 'vitest';
import { validate } from '../../../../src/validate/index.js';
import olderGeneration from '../../../../src/validate/rules/kind/older-generation.js';
import { K } from '../../helpers/corpus.js';
import { request, offerset, session, update } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(olderGeneration, [
  { name: '1.0 kinds pass', type: 'request', doc: request(), findings: [] },
  {
    name: '2025-11 URI',
    type: 'request',
    doc: (() => {
      const d = request();
      d.executable.kind = 'https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0';
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-07', pointer: '/executable/kind' }],
    level: 'warning',
  },
  {
    name: '2025-04 computer URI',
    type: 'request',
    doc: (() => {
      const d = request();
      d.compute.kind = 'https://www.purl.org/ivoa.net/EB/schema/types/computer/simple-compute-resource-1.0';
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-07', pointer: '/compute/kind' }],
  },
  {
    name: 'draft text uri:docker-container-1.0 under type',
    type: 'request',
    doc: (() => {
      const d = request();
      delete d.executable.kind;
      d.executable.type = 'uri:docker-container-1.0';
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-07', pointer: '/executable/type' }],
  },
  {
    name: '2024 broker update kind urn:enum-value-update',
    type: 'update',
    doc: { ...update(), kind: 'urn:enum-value-update' },
    findings: [{ ruleId: 'EB-DM-07', pointer: '/kind' }],
    level: 'warning',
  },
  {
    name: '2024 broker path state (update)',
    type: 'update',
    doc: { ...update(), path: 'state' },
    findings: [{ ruleId: 'EB-DM-07', pointer: '/path' }],
  },
  {
    name: '2024 broker option urn:enum-value-option with path /state',
    type: 'session',
    doc: (() => {
      const d = session();
      d.meta.options = [{ kind: 'urn:enum-value-option', path: '/state', values: ['ACCEPTED', 'REJECTED'] }];
      return d;
    })(),
    findings: [
      { ruleId: 'EB-DM-07', pointer: '/meta/options/0/kind' },
      { ruleId: 'EB-DM-07', pointer: '/meta/options/0/path' },
    ],
  },
  {
    name: '2024 messages named by type',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.meta.messages = [{ type: 'https://example.org/message-types/info', level: 'INFO' }];
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-07', pointer: '/meta/messages/0/type' }],
  },
  {
    name: 'a message with a kind passes',
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.meta.messages = [{ kind: 'urn:x', type: 'y' }];
      return d;
    })(),
    findings: [],
  },
  {
    name: 'a top-level volumes list',
    type: 'request',
    doc: { ...request(), volumes: [{ resources: ['x'] }] },
    findings: [{ ruleId: 'EB-DM-07', pointer: '/volumes' }],
  },
  {
    name: 'draft text NO reasons',
    type: 'offerset',
    doc: { ...offerset(), reasons: [{ path: '/x', text: 'no' }] },
    findings: [{ ruleId: 'EB-DM-07', pointer: '/reasons' }],
  },
  {
    name: 'draft text executable-types URL',
    type: 'request',
    doc: (() => {
      const d = request();
      d.executable.kind = 'https://www.purl.org/ivoa.net/executable-types/jupyter-notebook';
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-07', pointer: '/executable/kind' }],
  },
]);

describe('older generations name the generation and the 1.0 URI', () => {
  const cases: [string, string, string | undefined][] = [
    [
      'https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0',
      '2025-11',
      `${K}/executable/docker-container.yaml`,
    ],
    [
      'https://www.purl.org/ivoa.net/EB/schema/types/computer/simple-compute-resource-1.0',
      '2025-04',
      `${K}/compute/simple-compute-resource.yaml`,
    ],
    ['uri:docker-container-1.0', 'draft text', `${K}/executable/docker-container.yaml`],
    [
      'https://www.purl.org/ivoa.net/executable-types/jupyter-notebook',
      'draft text',
      `${K}/executable/jupyter-notebook.yaml`,
    ],
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
