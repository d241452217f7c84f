import rule from '../../../../src/validate/rules/err/status-in-table.js';
import { testRule, type RuleCase } from '../../helpers/test-rule.js';

const tableStatuses = [400, 403, 408, 411, 414, 431, 501, 503, 504];

testRule(rule, [
  // Every status of the table passes, the new ones included.
  ...tableStatuses.map((status): RuleCase => ({
    name: `passes status ${status} of the table`,
    type: 'error',
    doc: { status, error: 'X', code: 'X', message: 'm' },
    findings: [],
  })),
  {
    name: 'reports a status outside the table at /status (EB-ERR-13)',
    type: 'error',
    doc: { status: 418, error: 'BAD_REQUEST', code: 'TEAPOT', message: 'm' },
    findings: [{ ruleId: 'EB-ERR-13', pointer: '/status' }],
  },
  {
    name: 'leaves a missing status to the schema',
    type: 'error',
    doc: { error: 'BAD_REQUEST', code: 'MALFORMED_BODY', message: 'm' },
    findings: [],
  },
]);
