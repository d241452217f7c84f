import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EB_NS,
  buildXmlLocator,
  objectToXml,
  validateXsd,
  validateXsdBatch,
  xsdPatternAccepts,
  xsdPatternIsValid,
} from '../../src/xml/index.js';
import { XSD_PATH, generateXsd, readJsonPatterns, unanchor, xsdPatterns } from '../../scripts/gen-xsd.js';
import { request, updates } from './fixtures.js';

describe('schema/xsd/execution-broker.xsd', () => {
  it('is what scripts/gen-xsd.ts makes of the mapping table (regenerate with npm run gen:xsd)', () => {
    expect(readFileSync(XSD_PATH, 'utf8')).toBe(generateXsd());
  });

  it('carries the JSON Schema ISO 8601 patterns without anchors', () => {
    const json = readJsonPatterns();
    const xsd = readFileSync(XSD_PATH, 'utf8');
    const names = Object.keys(xsdPatterns()) as (keyof ReturnType<typeof xsdPatterns>)[];
    for (const name of names) {
      const p = json[name];
      if (p === undefined) continue; // schema/json not written yet: the fallback is used
      const escaped = unanchor(p).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      expect(xsd).toContain(`<xs:pattern value="${escaped}"/>`);
    }
  });

  it('rejects broken documents with a line number (EB-XML-01)', async () => {
    const xml = objectToXml(request, 'request');
    const broken = [
      xml.replace('<mode>READONLY</mode>', '<mode>RO</mode>'), // wrong enum
      xml.replace(/<compute kind="[^"]*">/, '<compute>'), // missing required attribute kind
      xml.replace('<min>2</min>', '<min>two</min>'), // not an integer
      xml.replace('<duration>PT1H</duration>', '<duration>1 hour</duration>'), // pattern
      xml.replace('<executable ', '<executable color="red" '), // unknown attribute
      objectToXml({ kind: 'uri:enum-value-update', value: 'ACCEPTED' }, 'update'), // path is required
    ];
    const results = await validateXsdBatch(broken);
    for (const r of results) {
      expect(r.length).toBeGreaterThan(0);
      expect(r[0]).toMatchObject({ ruleId: 'EB-XML-01', level: 'error' });
      expect(r[0]!.line).toBeGreaterThan(0);
    }
    expect(results[0]![0]!.message).toContain('RO');
    expect(results[1]![0]!.message).toContain('kind');
  });

  it('a value quoted across lines stays one finding, at its line (libxml2 writes the line breaks as they are)', async () => {
    const xml = objectToXml(request, 'request');
    const multi = xml.replace('<min>2</min>', '<min>\n  two\n  </min>');
    const [findings] = await validateXsdBatch([multi]);
    expect(findings).toHaveLength(1);
    expect(findings![0]).toMatchObject({ ruleId: 'EB-XML-01', line: expect.any(Number) as number });
    expect(findings![0]!.message).toMatch(/^XSD: Element 'min': ' two ' is not a valid value of the atomic type/);
  });

  it('accepts extension elements of other namespaces at the end of a type', async () => {
    const xml = `<update xmlns="${EB_NS}" kind="uri:x"><path>p</path><value>v</value><z:note xmlns:z="urn:z" z:a="1">hi</z:note></update>`;
    expect(await validateXsd(xml)).toEqual([]);
  });

  it('reports a document that is not well-formed instead of throwing', async () => {
    const [bad] = await validateXsdBatch(['<update xmlns="x"><path></update>']);
    expect(bad!.length).toBeGreaterThan(0);
  });
});

describe('pattern helpers', () => {
  it('tell valid XSD patterns from invalid ones', async () => {
    expect(await xsdPatternIsValid('P(\\d+D)?')).toBe(true);
    expect(await xsdPatternIsValid('a(?:b)')).toBe(false); // no non-capturing groups in XSD
    expect(await xsdPatternIsValid('(?=x)')).toBe(false);
  });

  it('say which values a pattern accepts', async () => {
    expect(await xsdPatternAccepts(xsdPatterns().ISO8601Duration, ['PT1H', 'P1D', '1H', 'PT'])).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(await xsdPatternAccepts('a(?:b)', ['ab'])).toBeUndefined();
  });
});

describe('buildXmlLocator', () => {
  const xml = objectToXml(request, 'request');
  const lines = xml.split('\n');
  const locate = buildXmlLocator(xml);
  const lineOf = (needle: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(needle)) + 1;

  it('finds elements, list items, map entries and attributes', () => {
    expect(locate('')).toEqual({ line: 2, column: 1 });
    expect(locate('/compute/cores/min')?.line).toBe(lineOf('<min>2</min>'));
    expect(locate('/data/2')?.line).toBe(lineOf('rucio-data-resource'));
    expect(locate('/executable/environment/INPUT')?.line).toBe(lineOf('name="INPUT"'));
    const kindLine = lineOf('<compute kind=');
    expect(locate('/compute/kind')).toEqual({ line: kindLine, column: lines[kindLine - 1]!.indexOf('kind=') + 1 });
  });

  it('falls back to the nearest present ancestor for a missing member', () => {
    expect(locate('/compute/cores/nothing/here')).toEqual(locate('/compute/cores'));
  });

  it('works for every update kind', () => {
    for (const u of updates) expect(buildXmlLocator(objectToXml(u, 'update'))('/path')?.line).toBe(3);
  });
});
