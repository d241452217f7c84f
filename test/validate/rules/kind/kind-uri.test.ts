import kindUri from '../../../../src/validate/rules/kind/kind-uri.js';
import { request, offerset, session, update } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(kindUri, [
  { name: '1.0 kinds pass', type: 'offerset', doc: offerset(), findings: [] },
  {
    name: 'an http(s) extension kind passes',
    type: 'request',
    doc: (() => {
      const d = request();
      d.executable.kind = 'https://example.org/kinds/zeppelin.yaml';
      return d;
    })(),
    findings: [],
  },
  {
    name: 'a urn: component kind is a warning',
    type: 'request',
    doc: (() => {
      const d = request();
      d.executable.kind = 'urn:example:zeppelin';
      return d;
    })(),
    findings: [{ ruleId: 'EB-KIND-03', pointer: '/executable/kind' }],
    level: 'warning',
  },
  {
    name: 'a relative name as a storage kind is a warning',
    type: 'request',
    doc: (() => {
      const d = request();
      d.storage[0].kind = 'simple-storage';
      return d;
    })(),
    findings: [{ ruleId: 'EB-KIND-03', pointer: '/storage/0/kind' }],
  },
  {
    name: 'uri: option kinds are exempt',
    type: 'session',
    doc: (() => {
      const d = session();
      d.meta.options = [{ kind: 'uri:my-option', path: 'phase' }];
      return d;
    })(),
    findings: [],
  },
  { name: 'uri: update kinds are exempt', type: 'update', doc: { ...update(), kind: 'uri:my-update' }, findings: [] },
  {
    name: 'an older-generation uri: kind is left to older-generation',
    type: 'request',
    doc: (() => {
      const d = request();
      d.executable.kind = 'uri:docker-container-1.0';
      return d;
    })(),
    findings: [],
  },
]);
