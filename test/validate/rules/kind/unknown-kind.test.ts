import unknownKind from '../../../../src/validate/rules/kind/unknown-kind.js';
import { K } from '../../helpers/corpus.js';
import { request } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(unknownKind, [
  { name: 'known kinds pass', type: 'request', doc: request(), findings: [] },
  {
    name: 'an extension kind is information',
    type: 'request',
    doc: (() => {
      const d = request();
      d.executable.kind = 'https://example.org/kinds/zeppelin-notebook.yaml';
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-06', pointer: '/executable/kind' }],
    level: 'info',
  },
  {
    name: 'a storage kind where the executable belongs is an error',
    type: 'request',
    doc: (() => {
      const d = request();
      d.executable.kind = `${K}/storage/simple-storage-resource.yaml`;
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-09', pointer: '/executable/kind' }],
    level: 'error',
  },
]);
