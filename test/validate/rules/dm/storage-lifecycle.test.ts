import rule from '../../../../src/validate/rules/dm/storage-lifecycle.js';
import { request } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

function withStorage(storage: Record<string, unknown>): ReturnType<typeof request> {
  const d = request();
  Object.assign(d.storage[0], storage);
  return d;
}

testRule(rule, [
  { name: 'passes ephemeral storage', type: 'request', doc: withStorage({}), findings: [] },
  {
    name: 'passes managed persistent storage',
    type: 'request',
    doc: withStorage({ lifecycle: 'managed', lifetime: 'P7D' }),
    findings: [],
  },
  {
    name: 'passes unmanaged storage with a location',
    type: 'request',
    doc: withStorage({ lifecycle: 'unmanaged', location: 'https://vospace.example.org/nodes/a' }),
    findings: [],
  },
  {
    name: 'unmanaged storage without a location is reported at the storage resource (EB-DM-12)',
    type: 'request',
    doc: withStorage({ lifecycle: 'unmanaged' }),
    findings: [{ ruleId: 'EB-DM-12', pointer: '/storage/0' }],
  },
  {
    name: 'a lifetime on unmanaged storage is reported at the lifetime (EB-DM-12)',
    type: 'request',
    doc: withStorage({ lifecycle: 'unmanaged', location: 'https://v.example.org/a', lifetime: 'P1D' }),
    findings: [{ ruleId: 'EB-DM-12', pointer: '/storage/0/lifetime' }],
  },
  {
    name: 'a location on managed storage is reported at the location (EB-DM-12)',
    type: 'request',
    doc: withStorage({ location: 'https://v.example.org/a' }),
    findings: [{ ruleId: 'EB-DM-12', pointer: '/storage/0/location' }],
  },
]);
