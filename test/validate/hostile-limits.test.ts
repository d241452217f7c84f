/**
 * Documents built to make validation expensive: thousands of bad items, hundreds of thousands of unknown keys,
 * an element with more attributes than the mapping reads. Each gets a bounded answer: at most MAX_FINDINGS
 * findings and one saying how many more there were; an XML element over the attribute limit is refused before any
 * parser or libxml2 sees it. And XML the mapping does not read (a repeated element) is the document's fault, not
 * a disagreement of the two schemas.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FINDINGS, validate, validateBytes } from '../../src/validate/index.js';
import { validateXsd } from '../../src/xml/index.js';
import { MAX_ATTRIBUTES } from '../../src/xml/prescan.js';
import { request } from './helpers/fixtures.js';

const GENERATED = join(import.meta.dirname, '../../src/validate/generated/validators.js');

describe('findings of a hostile document', () => {
  it('5000 bad data items: MAX_FINDINGS errors, and one finding counting the rest', () => {
    const doc = { ...request(), data: Array.from({ length: 5000 }, () => ({ kind: 1 })) };
    const r = validate(doc, { type: 'request' });
    expect(r.valid).toBe(false);
    expect(r.findings).toHaveLength(MAX_FINDINGS + 1);
    const rest = r.findings.at(-1)!;
    expect(rest).toMatchObject({ ruleId: 'EBK_TOO_MANY_FINDINGS', level: 'info', pointer: '' });
    const listed = r.findings.slice(0, -1);
    expect(listed.every((f) => f.level === 'error')).toBe(true);
    expect(listed.map((f) => f.pointer)).toContain('/data/0/kind');
    expect(Number(rest.params?.notListed) + listed.length).toBeGreaterThanOrEqual(5000);
    expect(rest.params?.errorsNotListed).toBe(rest.params?.notListed);
    expect(rest.message).toMatch(/^\d+ more finding\(s\) \(all errors\) are not listed/);
  });

  it('20000 unknown members (information only): still valid, and the count says none of the rest are errors', () => {
    const doc: Record<string, unknown> = { ...request() };
    for (let i = 0; i < 20_000; i++) doc[`extra${i}`] = i;
    const r = validate(doc, { type: 'request' });
    expect(r.valid).toBe(true);
    expect(r.findings).toHaveLength(MAX_FINDINGS + 1);
    expect(r.findings.at(-1)?.message).toMatch(/^19000 more finding\(s\) \(none of them errors\)/);
  });

  it("a rule's error reported after a flood of informations is held and listed first", () => {
    // unknown-properties (EB-DM-08, information) runs before unique-names (EB-REF-05, an error): 12,000 unknown
    // members once filled every place, and the error was only counted.
    const base = request() as Record<string, unknown> & { data: unknown[] };
    const doc: Record<string, unknown> = { ...base, data: [...base.data, ...base.data] };
    for (let i = 0; i < 12_000; i++) doc[`extra${i}`] = i;
    const r = validate(doc, { type: 'request' });
    expect(r.valid).toBe(false);
    expect(r.findings[0]).toMatchObject({ level: 'error', ruleId: 'EB-REF-05', rule: 'unique-names' });
    expect(r.findings.at(-1)?.message).toMatch(/^\d+ more finding\(s\) \(none of them errors\)/);
  });

  it('the CLI exits 1 for it, naming the error', async () => {
    const base = request() as Record<string, unknown> & { data: unknown[] };
    const doc: Record<string, unknown> = { ...base, data: [...base.data, ...base.data] };
    for (let i = 0; i < 12_000; i++) doc[`extra${i}`] = i;
    const r = await validateBytes(JSON.stringify(doc), { type: 'request' });
    expect(r.valid).toBe(false);
    expect(r.findings.filter((f) => f.level === 'error').map((f) => f.ruleId)).toEqual(['EB-REF-05']);
  });

  it("ajv's errors are gathered in place: the generated validators copy no error list per failing item", () => {
    // concat of every error so far at each failing item made 20,000 bad items take seconds, 200,000 minutes.
    const code = readFileSync(GENERATED, 'utf8');
    expect(code).not.toContain('.concat(');
    expect(code).toContain('vErrors.push(e)');
  });
});

describe('an XML element with more attributes than the limit', () => {
  // With its xmlns, one attribute over the limit.
  const attrs = Array.from({ length: MAX_ATTRIBUTES }, (_, i) => ` a${i}=""`).join('');
  const xml = `<?xml version="1.0"?>\n<offers-request xmlns="http://www.ivoa.net/xml/ExecutionBroker/v1.0"${attrs}/>`;

  it('is refused before it is read, with where', async () => {
    const r = await validateBytes(xml);
    expect(r.valid).toBe(false);
    expect(r.findings).toEqual([
      expect.objectContaining({
        ruleId: 'EBK_TOO_MANY_ATTRIBUTES',
        level: 'error',
        line: 2,
        message: `An element holds more than ${MAX_ATTRIBUTES} attributes; the document was not read.`,
      }),
    ]);
  });

  it('never reaches libxml2', async () => {
    const findings = await validateXsd(xml);
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'EBK_TOO_MANY_ATTRIBUTES',
        `An element holds more than ${MAX_ATTRIBUTES} attributes; the document was not validated.`,
      ],
    ]);
  });

  it('at the limit (xmlns included), is read', async () => {
    const at = Array.from({ length: MAX_ATTRIBUTES - 1 }, (_, i) => ` a${i}=""`).join('');
    const r = await validateBytes(
      `<?xml version="1.0"?>\n<offers-request xmlns="http://www.ivoa.net/xml/ExecutionBroker/v1.0"${at}/>`,
    );
    expect(r.findings.some((f) => f.ruleId === 'EBK_TOO_MANY_ATTRIBUTES')).toBe(false);
  });
});

describe('XML the mapping does not read', () => {
  it('a repeated <location> is the XSD and the mapping finding fault with the document; the schemas do not "disagree"', async () => {
    const xml = `<?xml version="1.0"?>
<offers-request xmlns="http://www.ivoa.net/xml/ExecutionBroker/v1.0"><executable kind="https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/jupyter-notebook.yaml"><location>https://a.org/1</location><location>https://a.org/2</location></executable></offers-request>`;
    const r = await validateBytes(xml);
    expect(r.valid).toBe(false);
    const ids = r.findings.map((f) => f.ruleId);
    expect(ids).toContain('EBK_XML_MAPPING');
    expect(r.findings.some((f) => f.message.startsWith('XSD: '))).toBe(true);
    expect(r.findings.filter((f) => f.params?.disagreement === true)).toEqual([]);
    // libxml2's summary line names the document as the validator's run called it: not shown so.
    expect(r.findings.map((f) => f.message).join('\n')).not.toMatch(/document-\d+\.xml/);
  });
});
