import { describe, expect, it } from 'vitest';
import { validateBytes } from '../../src/validate/index.js';
import { exampleText, manifest } from './helpers/corpus.js';

/**
 * The XSD and the JSON Schema describe the same documents: on every XML
 * example their verdicts must agree (validateBytes reports a disagreement as
 * a finding with params.disagreement). Separate file: xmllint-wasm is slow.
 */
const m = manifest();

/**
 * Faults XSD 1.0 cannot express, so only the JSON Schema sees them. Both are
 * co-occurrence constraints (JSON Schema if/then; XSD 1.0 has none): the
 * status/error/code pairing of the error document, and `value` being required
 * only for value-update kinds (the XML update is one element type whatever
 * its kind attribute says).
 */
const XSD_CANNOT_EXPRESS = new Set([
  'invalid/error-status-mismatch.yaml',
  'invalid/update-missing-value.yaml',
  // Which status goes with which code is a cross-member constraint, beyond XSD 1.0 (EB-ERR-02, EB-ERR-13).
  'invalid/error-uri-too-long-wrong-code.yaml',
  'invalid/error-status-not-in-table.yaml',
]);

describe('XSD and JSON Schema agree on the corpus', () => {
  for (const entry of m.examples) {
    if (entry.formats && !entry.formats.includes('xml')) continue;
    it(`${entry.file} (xml)`, async () => {
      const text = exampleText(entry.file, 'xml');
      if (text === undefined) return;
      const result = await validateBytes(text, { format: 'xml', type: entry.type });
      expect(result.format).toBe('xml');
      const disagreements = result.findings.filter((f) => f.params?.disagreement === true).map((f) => f.message);
      if (XSD_CANNOT_EXPRESS.has(entry.file)) expect(disagreements).toHaveLength(1);
      else expect(disagreements).toEqual([]);
      if (entry.valid) expect(result.findings.filter((f) => f.level === 'error')).toEqual([]);
    }, 30_000);
  }
});

describe('a verdict disagreement is reported', () => {
  it('emits one EB-XML-01 finding, an error as the register says (MUST), when the JSON Schema rejects what the XSD accepts', async () => {
    const text = exampleText('valid/update-accept-enum-value.yaml', 'xml');
    if (text === undefined) return;
    const rejectAll = Object.assign(() => false, { errors: [] });
    const r = await validateBytes(text, { format: 'xml', type: 'update', schema: { update: rejectAll } });
    const d = r.findings.filter((f) => f.params?.disagreement === true);
    expect(d).toHaveLength(1);
    expect(d[0]?.ruleId).toBe('EB-XML-01');
    expect(d[0]?.level).toBe('error');
    expect(d[0]?.message).toContain('XSD accepts');
  }, 30_000);
});

describe('an XML document in another charset than UTF-8, as its Content-Type says', () => {
  it.each([
    ['utf-16', 'utf16le'],
    ['ISO-8859-1', 'latin1'],
  ] as const)(
    'validates as its UTF-8 original does (%s): the XSD stage reads the text it was decoded to',
    async (label, how) => {
      const text = exampleText('valid/offerset-yes-three-offers.xml', 'xml');
      if (text === undefined) throw new Error('no example');
      const declared = text.replace('encoding="UTF-8"', `encoding="${label.toUpperCase()}"`);
      const bytes = how === 'utf16le' ? Buffer.from(`\ufeff${declared}`, 'utf16le') : Buffer.from(declared, 'latin1');
      const r = await validateBytes(bytes, { mediaType: `application/xml; charset=${label}` });
      expect(r.findings.filter((f) => f.level === 'error')).toEqual([]);
      expect(r.valid).toBe(true);
    },
  );
});
