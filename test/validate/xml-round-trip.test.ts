/**
 * validateBytes checks that an XML document survives XML → object → XML → object (EB-XML-02). The mapping is
 * lossless today, so a lossy mapping is simulated by a writer that drops one member.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const lossy = vi.hoisted(() => ({ on: false }));
vi.mock('../../src/xml/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/xml/index.js')>();
  return {
    ...real,
    objectToXml: (value: unknown, type: Parameters<typeof real.objectToXml>[1]): string => {
      if (!lossy.on || typeof value !== 'object' || value === null) return real.objectToXml(value, type);
      const { phase: _dropped, ...rest } = value as Record<string, unknown>;
      return real.objectToXml(rest, type);
    },
  };
});

const { validateBytes } = await import('../../src/validate/index.js');
const xml = readFileSync(new URL('../../spec/examples/valid/session-accepted.xml', import.meta.url));

describe('validateBytes: XML round trip (EB-XML-02)', () => {
  it('a document that round-trips gets no EB-XML-02 finding', async () => {
    lossy.on = false;
    const r = await validateBytes(xml, { filename: 'session-accepted.xml' });
    expect(r.format).toBe('xml');
    expect(r.findings.filter((f) => f.ruleId === 'EB-XML-02')).toEqual([]);
  });

  it('a member the mapping loses is one error at the first difference', async () => {
    lossy.on = true;
    const r = await validateBytes(xml, { filename: 'session-accepted.xml' });
    const rt = r.findings.filter((f) => f.ruleId === 'EB-XML-02');
    expect(rt.map((f) => `${f.pointer} ${f.level} ${f.rule}`)).toEqual(['/phase error xml-round-trip']);
    expect(rt[0]?.message).toMatch(/comes back different at \/phase/);
    expect(r.valid).toBe(false);
  });

  it('YAML and JSON input are not round-tripped through XML', async () => {
    lossy.on = true;
    const r = await validateBytes(
      readFileSync(new URL('../../spec/examples/valid/session-accepted.yaml', import.meta.url)),
      { filename: 'session-accepted.yaml' },
    );
    expect(r.findings.filter((f) => f.ruleId === 'EB-XML-02')).toEqual([]);
  });
});
