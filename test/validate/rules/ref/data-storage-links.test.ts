import dataStorageLinks from '../../../../src/validate/rules/ref/data-storage-links.js';
import { request } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(dataStorageLinks, [
  { name: 'links resolve', type: 'request', doc: request(), findings: [] },
  {
    name: 'data names missing storage',
    type: 'request',
    doc: (() => {
      const d = request();
      d.data[0].storage = 'nope';
      return d;
    })(),
    findings: [{ ruleId: 'EB-REF-04', pointer: '/data/0/storage' }],
  },
  {
    name: 'storage names missing data',
    type: 'request',
    doc: (() => {
      const d = request();
      d.storage[0].data = ['gaia-subset', 'ghost'];
      return d;
    })(),
    findings: [{ ruleId: 'EB-REF-04', pointer: '/storage/0/data/1' }],
  },
]);
