import { describe, expect, it } from 'vitest';
import olderGeneration from '../../../src/validate/rules/kind/older-generation.js';
import unknownKind from '../../../src/validate/rules/kind/unknown-kind.js';
import offersetKind from '../../../src/validate/rules/kind/offerset-kind.js';
import kindUri from '../../../src/validate/rules/kind/kind-uri.js';
import { validate } from '../../../src/validate/index.js';
import { K } from '../helpers/corpus.js';
import { offerset, request, runCase, session, update, type RuleCase } from '../helpers/fixtures.js';

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
        name: '2024 broker update kind urn:enum-value-update',
        type: 'update',
        doc: { ...update(), kind: 'urn:enum-value-update' },
        findings: ['EB-DM-07'],
        level: 'warning',
      },
      { name: '2024 broker path state (update)', type: 'update', doc: { ...update(), path: 'state' }, findings: ['EB-DM-07'] },
      {
        name: '2024 broker option urn:enum-value-option with path /state',
        type: 'session',
        doc: (() => { const d = session(); d.meta.options = [{ kind: 'urn:enum-value-option', path: '/state', values: ['ACCEPTED', 'REJECTED'] }]; return d; })(),
        findings: ['EB-DM-07', 'EB-DM-07'],
      },
      {
        name: '2024 messages named by type',
        type: 'offerset',
        doc: (() => { const d = offerset(); d.meta.messages = [{ type: 'https://example.org/message-types/info', level: 'INFO' }]; return d; })(),
        findings: ['EB-DM-07'],
      },
      { name: 'a message with a kind passes', type: 'offerset', doc: (() => { const d = offerset(); d.meta.messages = [{ kind: 'urn:x', type: 'y' }]; return d; })(), findings: [] },
      { name: 'a top-level volumes list', type: 'request', doc: { ...request(), volumes: [{ resources: ['x'] }] }, findings: ['EB-DM-07'] },
      { name: 'draft text NO reasons', type: 'offerset', doc: { ...offerset(), reasons: [{ path: '/x', text: 'no' }] }, findings: ['EB-DM-07'] },
      {
        name: 'draft text executable-types URL',
        type: 'request',
        doc: (() => { const d = request(); d.executable.kind = 'https://www.purl.org/ivoa.net/executable-types/jupyter-notebook'; return d; })(),
        findings: ['EB-DM-07'],
      },
    ],
  ],
  [
    offersetKind,
    [
      { name: 'no offer-set kind passes', type: 'offerset', doc: offerset(), findings: [] },
      {
        name: 'the broker’s own offer-set kind is information',
        type: 'offerset',
        doc: { ...offerset(), kind: `${K}/offerset/execution-offerset.yaml` },
        findings: ['EB-DM-06'],
        level: 'info',
      },
      {
        name: 'a 2025-04 offer-set kind is an older generation',
        type: 'offerset',
        doc: { ...offerset(), kind: 'https://www.purl.org/ivoa.net/EB/schema/types/offerset/offerset-response-1.0' },
        findings: ['EB-DM-07'],
        level: 'warning',
      },
      { name: 'any other offer-set kind is information', type: 'offerset', doc: { ...offerset(), kind: 'https://example.org/my-offerset' }, findings: ['EB-DM-06'], level: 'info' },
    ],
  ],
  [
    kindUri,
    [
      { name: '1.0 kinds pass', type: 'offerset', doc: offerset(), findings: [] },
      { name: 'an http(s) extension kind passes', type: 'request', doc: (() => { const d = request(); d.executable.kind = 'https://example.org/kinds/zeppelin.yaml'; return d; })(), findings: [] },
      {
        name: 'a urn: component kind is a warning',
        type: 'request',
        doc: (() => { const d = request(); d.executable.kind = 'urn:example:zeppelin'; return d; })(),
        findings: ['EB-KIND-03'],
        level: 'warning',
      },
      {
        name: 'a relative name as a storage kind is a warning',
        type: 'request',
        doc: (() => { const d = request(); d.storage[0].kind = 'simple-storage'; return d; })(),
        findings: ['EB-KIND-03'],
      },
      { name: 'uri: option kinds are exempt', type: 'session', doc: (() => { const d = session(); d.meta.options = [{ kind: 'uri:my-option', path: 'phase' }]; return d; })(), findings: [] },
      { name: 'uri: update kinds are exempt', type: 'update', doc: { ...update(), kind: 'uri:my-update' }, findings: [] },
      { name: 'an older-generation uri: kind is left to older-generation', type: 'request', doc: (() => { const d = request(); d.executable.kind = 'uri:docker-container-1.0'; return d; })(), findings: [] },
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
