import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// The XSD validator is made to throw a non-Error: the one way to see how validateBytes reports a crash.
vi.mock('../../src/xml/validate-xsd.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/xml/validate-xsd.js')>()),
  validateXsd: async () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a thrown non-Error is the case under test
    throw 'libxml2 went away';
  },
}));

const { validateBytes } = await import('../../src/validate/index.js');

describe('an XSD crash', () => {
  it('is one EBK_XSD_CRASHED finding with the thrown text, and no schema-agreement verdict', async () => {
    const xml = readFileSync(
      resolve(import.meta.dirname, '../../spec/examples/valid/error-update-not-offered.xml'),
      'utf8',
    );
    const r = await validateBytes(xml, { format: 'xml' });
    const crashed = r.findings.filter((f) => f.ruleId === 'EBK_XSD_CRASHED');
    expect(crashed).toHaveLength(1);
    expect(crashed[0]?.message).toContain('libxml2 went away');
    expect(r.findings.filter((f) => f.ruleId === 'EBK_RULE_CRASHED' || f.params?.disagreement === true)).toEqual([]);
    expect(r.valid).toBe(false);
  });
});
