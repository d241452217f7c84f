import { describe, expect, it } from 'vitest';
import { validateBytes } from '../../src/validate/index.js';
import { exampleText, manifest } from './helpers/corpus.js';

/**
 * The XSD and the JSON Schema describe the same documents: on every XML
 * example their verdicts must agree (validateBytes reports a disagreement as
 * a finding with params.disagreement). Separate file: xmllint-wasm is slow.
 */
const m = manifest();

describe('XSD and JSON Schema agree on the corpus', () => {
  for (const entry of m.examples) {
    if (entry.formats && !entry.formats.includes('xml')) continue;
    it(`${entry.file} (xml)`, async () => {
      const text = exampleText(entry.file, 'xml');
      if (text === undefined) return;
      const result = await validateBytes(text, { format: 'xml', type: entry.type });
      expect(result.format).toBe('xml');
      expect(result.findings.filter((f) => f.params?.disagreement === true).map((f) => f.message)).toEqual([]);
      if (entry.valid) expect(result.findings.filter((f) => f.level === 'error')).toEqual([]);
    }, 30_000);
  }
});
