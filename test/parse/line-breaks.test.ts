import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/index.js';

const example = readFileSync(
  new URL('../../spec/examples/valid/request-notebook-simple.yaml', import.meta.url),
  'utf8',
);

// YAML 1.2 §5.4: LF, CRLF and a lone CR are each a line break. The yaml package reads a lone CR as part of the
// line, so a CR-only file that began with a comment was one long comment: an "empty" stream, a silent default.
describe('YAML line breaks: LF, CRLF and a lone CR read alike', () => {
  const base = `# a comment first\n${example}`;
  const forms = { crlf: base.replace(/\n/g, '\r\n'), cr: base.replace(/\n/g, '\r') };

  it('gives the same value and the same line and column of every member', () => {
    const lf = parse(base, { format: 'yaml' });
    expect(lf.locate('/executable/kind')?.line).toBeGreaterThan(1);
    for (const [name, text] of Object.entries(forms)) {
      const d = parse(text, { format: 'yaml' });
      expect(
        d.findings.filter((f) => f.level === 'error'),
        name,
      ).toEqual([]);
      expect(d.value, name).toEqual(lf.value);
      expect(d.locate('/executable/kind'), name).toEqual(lf.locate('/executable/kind'));
    }
  });

  it('locates a syntax error after a comment in a CR-only file, not "empty"', () => {
    const d = parse('# c\rexecutable: [[[ {{{ garbage', { format: 'yaml' });
    const errors = d.findings.filter((f) => f.level === 'error');
    expect(errors.map((f) => f.ruleId)).not.toContain('EBK_EMPTY');
    expect(errors[0]).toMatchObject({ ruleId: 'EBK_SYNTAX', line: 2 });
  });
});
