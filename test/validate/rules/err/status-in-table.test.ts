import { describe, expect, it } from 'vitest';
import rule from '../../../../src/validate/rules/err/status-in-table.js';
import { validate } from '../../../../src/validate/index.js';

const run = (doc: unknown) => validate(doc, { type: 'error', rules: [rule], schema: false }).findings.map((f) => [f.ruleId, f.pointer, f.rule]);

describe('status-in-table (EB-ERR-13)', () => {
  it('passes every status of the table, the new ones included', () => {
    for (const status of [400, 403, 408, 411, 414, 431, 501, 503, 504]) {
      expect(run({ status, error: 'X', code: 'X', message: 'm' })).toEqual([]);
    }
  });
  it('reports a status outside the table at /status', () => {
    expect(run({ status: 418, error: 'BAD_REQUEST', code: 'TEAPOT', message: 'm' })).toEqual([['EB-ERR-13', '/status', 'status-in-table']]);
  });
  it('leaves a missing status to the schema', () => {
    expect(run({ error: 'BAD_REQUEST', code: 'MALFORMED_BODY', message: 'm' })).toEqual([]);
  });
});
