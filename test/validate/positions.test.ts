import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import { exampleText } from './helpers/corpus.js';

/** A deep finding carries the line and column of its value in every serialization. */
describe('finding positions', () => {
  for (const format of ['yaml', 'json', 'xml'] as const) {
    it(`points at the dangling volume resource in ${format}`, () => {
      const text = exampleText('invalid/request-dangling-volume-resource.yaml', format);
      if (text === undefined) return;
      const r = validate(parse(text, { format }), { type: 'request' });
      const f = r.findings.find((x) => x.ruleId === 'EB-REF-03');
      expect(f?.pointer).toBe('/compute/volumes/0/resource');
      expect(f?.line).toBeGreaterThan(1);
      const line = text.split(/\r?\n/)[f!.line! - 1]!;
      expect(line).toContain('input-dta');
      // the column lands on the value (or its element/key) on that line, not before it
      expect(f!.column!).toBeGreaterThanOrEqual(1);
      expect(f!.column!).toBeLessThanOrEqual(line.indexOf('input-dta') + 1);
      expect(line.slice(f!.column! - 1)).toContain('input-dta');
    });

    it(`points a missing member at its parent in ${format}`, () => {
      const text = exampleText('invalid/request-missing-kind.yaml', format);
      if (text === undefined) return;
      const r = validate(parse(text, { format }), { type: 'request' });
      const f = r.findings.find((x) => x.ruleId === 'EB-KIND-01');
      expect(f?.pointer).toBe('/storage/0');
      expect(f?.line).toBeGreaterThan(1);
    });
  }

  it('computes no positions for a plain value', () => {
    const r = validate({ executable: { meta: {} } }, { type: 'request' });
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.every((f) => f.line === undefined)).toBe(true);
  });
});
