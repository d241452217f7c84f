import uniqueNames from '../../../../src/validate/rules/ref/unique-names.js';
import { request } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(uniqueNames, [
  { name: 'distinct names pass', type: 'request', doc: request(), findings: [] },
  {
    name: 'two volumes with one name (EB-REF-02)',
    type: 'request',
    doc: (() => {
      const d = request();
      d.compute.volumes[1].meta.name = d.compute.volumes[0].meta.name;
      return d;
    })(),
    findings: [{ ruleId: 'EB-REF-02', pointer: '/compute/volumes/1/meta/name' }],
    level: 'error',
  },
  {
    name: 'storage named like the executable (EB-REF-05)',
    type: 'request',
    doc: (() => {
      const d = request();
      d.storage[0].meta.name = d.executable.meta.name;
      return d;
    })(),
    findings: [{ ruleId: 'EB-REF-05', pointer: '/storage/0/meta/name' }],
  },
]);
