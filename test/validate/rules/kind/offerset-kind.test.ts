import offersetKind from '../../../../src/validate/rules/kind/offerset-kind.js';
import { K } from '../../helpers/corpus.js';
import { offerset } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(offersetKind, [
  { name: 'no offer-set kind passes', type: 'offerset', doc: offerset(), findings: [] },
  {
    name: 'the broker’s own offer-set kind is information',
    type: 'offerset',
    doc: { ...offerset(), kind: `${K}/offerset/execution-offerset.yaml` },
    findings: [{ ruleId: 'EB-DM-06', pointer: '/kind' }],
    level: 'info',
  },
  {
    name: 'a 2025-04 offer-set kind is an older generation',
    type: 'offerset',
    doc: { ...offerset(), kind: 'https://www.purl.org/ivoa.net/EB/schema/types/offerset/offerset-response-1.0' },
    findings: [{ ruleId: 'EB-DM-07', pointer: '/kind' }],
    level: 'warning',
  },
  {
    name: 'any other offer-set kind is information',
    type: 'offerset',
    doc: { ...offerset(), kind: 'https://example.org/my-offerset' },
    findings: [{ ruleId: 'EB-DM-06', pointer: '/kind' }],
    level: 'info',
  },
]);
