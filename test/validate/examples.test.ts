import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { compare, validate } from '../../src/validate/index.js';
import { exampleText, manifest } from './helpers/corpus.js';

/**
 * The spec/examples corpus is the standard's test suite (STYLE.md item 17):
 * every valid example passes, every invalid one reports the IDs its manifest
 * entry expects, in each serialization it exists in.
 */
const m = manifest();
const FORMATS = ['yaml', 'json', 'xml'] as const;

describe('spec/examples corpus', () => {
  it('lists examples of both kinds', () => {
    expect(m.examples.some((e) => e.valid)).toBe(true);
    expect(m.examples.some((e) => !e.valid)).toBe(true);
  });

  for (const entry of m.examples) {
    for (const format of FORMATS) {
      if (entry.formats && !entry.formats.includes(format)) continue;
      it(`${entry.file} (${format})`, () => {
        const text = exampleText(entry.file, format);
        if (text === undefined) return; // not generated yet (npm run gen:examples)
        const result = validate(parse(text, { format }), { type: entry.type });
        const serious = result.findings.filter((f) => f.level !== 'info');
        if (entry.valid) {
          expect(serious).toEqual([]);
          expect(result.valid).toBe(true);
        } else {
          const ids = new Set(result.findings.map((f) => f.ruleId));
          for (const id of entry.expect ?? []) expect([...ids], `expected ${id}`).toContain(id);
          expect(serious.length).toBeGreaterThan(0);
        }
      });
    }
  }

  it('detects the type of every YAML example by itself', () => {
    for (const entry of m.examples) {
      const text = exampleText(entry.file, 'yaml');
      if (text === undefined) continue;
      expect(validate(parse(text, { format: 'yaml' })).type, entry.file).toBe(entry.type);
    }
  });

  for (const pair of m.compare ?? []) {
    it(`compare ${pair.request} with ${pair.offerset}`, () => {
      const req = parse(exampleText(pair.request, 'yaml') ?? '', { format: 'yaml' }).value;
      const offers = parse(exampleText(pair.offerset, 'yaml') ?? '', { format: 'yaml' }).value;
      const ids = [
        ...new Set(
          compare(req, offers)
            .filter((f) => f.level !== 'info')
            .map((f) => f.ruleId),
        ),
      ].sort();
      expect(ids).toEqual([...pair.expect].sort());
    });
  }
});
