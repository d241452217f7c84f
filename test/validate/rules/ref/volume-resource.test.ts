import volumeResource from '../../../../src/validate/rules/ref/volume-resource.js';
import { request } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(volumeResource, [
  { name: 'resources resolve', type: 'request', doc: request(), findings: [] },
  {
    name: 'dangling resource',
    type: 'request',
    doc: (() => {
      const d = request();
      d.compute.volumes[0].resource = 'nowhere';
      return d;
    })(),
    findings: [{ ruleId: 'EB-REF-03', pointer: '/compute/volumes/0/resource' }],
  },
  {
    name: 'resource names both a storage and a data resource',
    type: 'request',
    doc: (() => {
      const d = request();
      d.data[0].meta.uuid = 'work-space';
      return d;
    })(),
    findings: [{ ruleId: 'EB-REF-03', pointer: '/compute/volumes/1/resource' }],
  },
  {
    name: 'resource by uuid resolves',
    type: 'request',
    doc: (() => {
      const d = request();
      d.data[0].meta.uuid = 'u-1';
      d.compute.volumes[0].resource = 'u-1';
      return d;
    })(),
    findings: [],
  },
]);
