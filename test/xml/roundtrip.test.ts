import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { DocumentType } from '../../src/findings.js';
import { EB_NS, EXT_NS, objectToXml, validateXsdBatch, xmlToObject } from '../../src/xml/index.js';
import { ALL } from './fixtures.js';

const REFERENCE = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));
const reference: [string, DocumentType][] = [
  ['execution-request.yaml', 'request'],
  ['offerset-no.yaml', 'offerset'],
  ['offerset-yes-two-offers.yaml', 'offerset'],
  ['session-accepted.yaml', 'session'],
];

/** Plain JSON data, as a JSON or YAML parser would give it. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('JSON → XML → JSON round trip (EB-XML-02)', () => {
  const written = new Map<string, string>();

  it.each(reference)('reference example %s', (file, type) => {
    const doc = load(readFileSync(REFERENCE + file, 'utf8'));
    const xml = objectToXml(doc, type);
    written.set(file, xml);
    const back = xmlToObject(xml);
    expect(back.findings).toEqual([]);
    expect(back.docType).toBe(type);
    expect(back.value).toStrictEqual(doc);
    expect(xml).not.toContain(EXT_NS); // every member is in the mapping table
  });

  it.each(ALL.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const doc = plain(c.doc);
    const xml = objectToXml(doc, c.type);
    written.set(name, xml);
    const back = xmlToObject(xml);
    expect(back.findings).toEqual([]);
    expect(back.docType).toBe(c.type);
    expect(back.value).toStrictEqual(doc);
  });

  it('the XSD accepts every document written above', async () => {
    expect(written.size).toBe(reference.length + ALL.length);
    const names = [...written.keys()];
    const results = await validateXsdBatch([...written.values()]);
    expect(Object.fromEntries(names.map((n, i) => [n, results[i]]))).toEqual(
      Object.fromEntries(names.map((n) => [n, []])),
    );
  });

  it('keeps integers as numbers where the kind says so, and strings where it does not', () => {
    const int = xmlToObject(objectToXml({ kind: 'uri:integer-value-update', path: 'p', value: 7 }, 'update')).value as {
      value: unknown;
    };
    const str = xmlToObject(objectToXml({ kind: 'uri:string-value-update', path: 'p', value: '7' }, 'update'))
      .value as { value: unknown };
    expect(int.value).toBe(7);
    expect(str.value).toBe('7');
  });

  it('writes kind as an attribute, wraps lists and maps as documented', () => {
    const xml = objectToXml(ALL[0]!.doc, 'request');
    expect(xml).toContain(`<offers-request xmlns="${EB_NS}">`);
    expect(xml).toMatch(/<executable kind="https:\/\/[^"]+docker-container\.yaml">/);
    expect(xml).toContain('<volumes>');
    expect(xml).toMatch(/<volume kind="[^"]+">/);
    expect(xml).toContain('<entry name="INPUT">/input</entry>');
    expect(xml).toContain('<arg>sh</arg>');
    expect(xml).toContain('<storage>\n    <resource kind=');
  });

  it('keeps a non-object document through the typed extension encoding', () => {
    for (const v of [[1, 'a'], 'text', 3, null, true]) {
      expect(xmlToObject(objectToXml(v, 'request')).value).toStrictEqual(v);
    }
  });
});

describe('mapping findings (EBK_XML_MAPPING) with pointers', () => {
  const wrap = (body: string, root = 'offers-request') => `<${root} xmlns="${EB_NS}">${body}</${root}>`;

  it('reports an element that is not a member, and keeps the rest', () => {
    const r = xmlToObject(wrap('<compute kind="k"><cpus>4</cpus><cores><min>2</min></cores></compute>'));
    expect(r.value).toEqual({ compute: { kind: 'k', cores: { min: 2 } } });
    expect(r.findings).toMatchObject([
      { ruleId: 'EBK_XML_MAPPING', pointer: '/compute', params: { element: 'cpus' }, line: 1 },
    ]);
  });

  it('reports a repeated single member', () => {
    const r = xmlToObject(
      wrap('<schedule><requested><duration>PT1H</duration><duration>PT2H</duration></requested></schedule>'),
    );
    expect(r.findings).toMatchObject([{ ruleId: 'EBK_XML_MAPPING', pointer: '/schedule/requested' }]);
    expect(r.value).toEqual({ schedule: { requested: { duration: 'PT1H' } } });
  });

  it('reports a wrong item element in a list', () => {
    const r = xmlToObject(wrap('<storage><storage kind="k"/></storage>'));
    expect(r.findings).toMatchObject([
      { ruleId: 'EBK_XML_MAPPING', pointer: '/storage', params: { element: 'storage', expected: 'resource' } },
    ]);
  });

  it('reports an unknown root element and gives no value', () => {
    const r = xmlToObject(`<offerset xmlns="${EB_NS}"/>`);
    expect(r.value).toBeUndefined();
    expect(r.docType).toBeUndefined();
    expect(r.findings[0]).toMatchObject({ ruleId: 'EB-XML-03', pointer: '' });
  });

  it('names a VOSI document as one, which validate does not check', () => {
    for (const [root, ns] of [
      ['availability', 'http://www.ivoa.net/xml/VOSIAvailability/v1.0'],
      ['capabilities', 'http://www.ivoa.net/xml/VOSICapabilities/v1.0'],
    ] as const) {
      const r = xmlToObject(`<vosi:${root} xmlns:vosi="${ns}"><vosi:available>true</vosi:available></vosi:${root}>`);
      expect(r.value).toBeUndefined();
      expect(r.findings).toMatchObject([{ ruleId: 'EB-XML-03', pointer: '' }]);
      expect(r.findings[0]?.message).toMatch(/is a VOSI document .*validate does not check VOSI documents/);
    }
  });

  it('reports a root outside the namespace; without any namespace it still maps', () => {
    const none = xmlToObject('<update kind="uri:enum-value-update"><path>phase</path><value>ACCEPTED</value></update>');
    expect(none.docType).toBe('update');
    expect(none.value).toEqual({ kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' });
    expect(none.findings).toMatchObject([{ ruleId: 'EB-XML-03', params: { requirement: 'EB-XML-03' } }]);
    const other = xmlToObject('<update xmlns="urn:other" kind="k"/>');
    expect(other.value).toBeUndefined();
    expect(other.findings[0]?.ruleId).toBe('EB-XML-03');
  });

  it('reports stray text, unknown attributes and a map entry without a name', () => {
    const r = xmlToObject(
      wrap('stray<executable kind="k" color="red"><environment><entry>v</entry></environment></executable>'),
    );
    const pointers = r.findings.map((f) => [f.ruleId, f.pointer]);
    expect(pointers).toContainEqual(['EBK_XML_MAPPING', '']);
    expect(pointers).toContainEqual(['EBK_XML_MAPPING', '/executable']);
    expect(pointers).toContainEqual(['EBK_XML_MAPPING', '/executable/environment']);
  });

  it('refuses __proto__ and duplicate keys in maps', () => {
    const r = xmlToObject(
      wrap(
        '<executable kind="k"><environment><entry name="__proto__">x</entry><entry name="A">1</entry><entry name="A">2</entry></environment></executable>',
      ),
    );
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['EBK_DUPLICATE_KEY', 'EBK_UNSAFE_KEY']);
    expect(r.value).toEqual({ executable: { kind: 'k', environment: { A: '1' } } });
    expect(Object.getPrototypeOf((r.value as { executable: { environment: object } }).executable.environment)).toBe(
      Object.prototype,
    );
  });

  it('reads prefixed names, CDATA, character references and 1/0 booleans', () => {
    const r = xmlToObject(
      `<eb:offers-request xmlns:eb="${EB_NS}"><eb:executable kind="a&amp;b"><eb:privileged>1</eb:privileged><eb:entrypoint><![CDATA[<x>]]>&#65;&#x42;&lt;</eb:entrypoint></eb:executable></eb:offers-request>`,
    );
    expect(r.findings).toEqual([]);
    expect(r.value).toEqual({ executable: { kind: 'a&b', privileged: true, entrypoint: '<x>AB<' } });
  });

  it('leaves a value that does not fit its type as a string for the schema to report', () => {
    const r = xmlToObject(
      wrap('<compute kind="k"><cores><min>two</min><max>99999999999999999999</max></cores></compute>'),
    );
    expect(r.value).toEqual({ compute: { kind: 'k', cores: { min: 'two', max: '99999999999999999999' } } });
  });

  it('ignores elements of foreign namespaces with an info finding', () => {
    const r = xmlToObject(wrap('<x:note xmlns:x="urn:x">hi</x:note>'));
    expect(r.value).toEqual({});
    expect(r.findings).toMatchObject([{ ruleId: 'EBK_XML_MAPPING', level: 'info' }]);
  });
});
