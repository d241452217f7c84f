import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { findingLevel } from '../../src/model/requirements.js';
import { specFinding } from '../../src/spec-tools/finding.js';

describe('specFinding: a lint-spec level comes from the register', () => {
  it('takes MUST as error, SHOULD as warning, MAY as info, an EBK_* code as error', () => {
    expect(specFinding({ ruleId: 'EB-KIND-04', message: 'm', pointer: '' }).level).toBe('error');
    expect(specFinding({ ruleId: 'EB-OFF-05', message: 'm', pointer: '' }).level).toBe('warning');
    expect(specFinding({ ruleId: 'EB-HTTP-08', message: 'm', pointer: '' }).level).toBe('info');
    expect(specFinding({ ruleId: 'EBK_SYNTAX', message: 'm', pointer: '' }).level).toBe('error');
  });

  it('lowers the level when told, never raises it', () => {
    expect(specFinding({ ruleId: 'EB-SCH-09', lower: 'warning', message: 'm', pointer: '' }).level).toBe('warning');
    expect(findingLevel('EB-HTTP-08', 'error')).toBe('info');
    expect(findingLevel('EB-OFF-05', 'info')).toBe('info');
  });

  it('keeps every other member and leaves out `lower`', () => {
    const f = specFinding({
      ruleId: 'EB-XML-05',
      lower: 'info',
      message: 'm',
      pointer: '/a',
      params: { x: 1 },
      rule: 'r',
    });
    expect(f).toEqual({ ruleId: 'EB-XML-05', level: 'info', message: 'm', pointer: '/a', params: { x: 1 }, rule: 'r' });
    expect(Object.keys(f).slice(0, 2)).toEqual(['ruleId', 'level']);
  });

  it('types ruleId, so a misspelt requirement fails typecheck', () => {
    // @ts-expect-error EB-OFF-999 is not in spec/requirements.yaml
    const typo: Finding = { ruleId: 'EB-OFF-999', level: 'error', message: 'm', pointer: '' };
    // @ts-expect-error EBK_NOPE is not a toolkit code of src/errors.ts
    const code: Finding = { ruleId: 'EBK_NOPE', level: 'error', message: 'm', pointer: '' };
    expect([typo.ruleId, code.ruleId]).toHaveLength(2);
  });
});
