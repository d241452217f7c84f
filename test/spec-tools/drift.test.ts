import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaTree } from '../../src/spec-tools/json-tree.js';
import { defaultDriftOptions, openApiDrift, runDrift, stripAnchors, xsdDrift } from '../../src/spec-tools/drift.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIX = resolve(import.meta.dirname, 'fixtures/drift');
const ROOTS = [{ json: 'doc.schema.json#/$defs/Doc', xsdElement: 'doc' }];
const goodXsd = readFileSync(resolve(FIX, 'good.xsd'), 'utf8');

function drift(xsd: string) {
  const tree = new SchemaTree();
  tree.loadDir(resolve(FIX, 'json'));
  return xsdDrift(tree, resolve(FIX, 'json'), xsd, ROOTS);
}

describe('JSON Schema ↔ XSD drift', () => {
  it('finds nothing when the two agree (families, extension, wrapped lists, attributes)', () => {
    expect(drift(goodXsd)).toEqual([]);
  });

  const cases: { name: string; edit: (x: string) => string; expect: RegExp }[] = [
    {
      name: 'a property missing from the XSD',
      edit: (x) => x.replace('<xs:element name="when" type="t:When" minOccurs="0"/>', ''),
      expect: /property "when" is in JSON Schema .* but not in XSD/,
    },
    {
      name: 'a property only in the XSD',
      edit: (x) =>
        x.replace(
          '<xs:element name="name"',
          '<xs:element name="label" type="xs:string" minOccurs="0"/><xs:element name="name"',
        ),
      expect: /property "label" is in XSD .* but not in JSON Schema/,
    },
    {
      name: 'required in JSON, optional in XSD',
      edit: (x) =>
        x.replace('<xs:element name="mode" type="t:Mode"/>', '<xs:element name="mode" type="t:Mode" minOccurs="0"/>'),
      expect: /"mode" is required in JSON Schema but optional in XSD/,
    },
    {
      name: 'attribute use differs',
      edit: (x) =>
        x.replace(
          '<xs:attribute name="kind" type="xs:anyURI" use="required"/>',
          '<xs:attribute name="kind" type="xs:anyURI"/>',
        ),
      expect: /"kind" is required in JSON Schema but optional in XSD/,
    },
    {
      name: 'a family member property missing',
      edit: (x) => x.replace('<xs:element name="location" type="xs:string" minOccurs="0"/>', ''),
      expect: /property "location" is in JSON Schema/,
    },
    {
      name: 'an enumeration narrowed',
      edit: (x) => x.replace('<xs:enumeration value="READWRITE"/>', ''),
      expect: /enumerations differ: only in JSON Schema \[READWRITE\]/,
    },
    {
      name: 'a pattern changed',
      edit: (x) => x.replace('\\d{4}-\\d{2}-\\d{2}', '\\d{4}-\\d{2}'),
      expect: /patterns differ/,
    },
    {
      name: 'a list that is not a list in XSD',
      edit: (x) => x.replace('type="t:Parts"', 'type="xs:string"'),
      expect: /a list in JSON Schema but not in XSD/,
    },
    {
      name: 'a missing root element',
      edit: (x) => x.replace('<xs:element name="doc" type="t:Doc"/>', ''),
      expect: /no top-level element "doc"/,
    },
  ];
  for (const c of cases) {
    it(`reports ${c.name}`, () => {
      const edited = c.edit(goodXsd);
      expect(edited).not.toBe(goodXsd);
      const messages = drift(edited).map((f) => f.message);
      expect(
        messages.some((m) => c.expect.test(m)),
        messages.join('\n'),
      ).toBe(true);
    });
  }

  it('reports unreadable XSD as a finding, not a throw', () => {
    const out = drift('<xs:schema');
    expect(out.length).toBeGreaterThan(0);
    expect(out[0]?.ruleId).toBe('EB-XML-05');
  });

  it('strips only the anchors of a pattern', () => {
    expect(stripAnchors('^a\\$$')).toBe('a\\$');
    expect(stripAnchors('^(a|b)$')).toBe('(a|b)');
    expect(stripAnchors('a\\$')).toBe('a\\$');
  });
});

describe('OpenAPI ↔ JSON Schema drift', () => {
  it('reports an unresolved $ref and an inline schema that disagrees', () => {
    const tree = new SchemaTree();
    tree.loadDir(resolve(FIX, 'json'));
    const out = openApiDrift(tree, resolve(FIX, 'openapi.yaml'), resolve(FIX, 'json'));
    const messages = out.map((f) => f.message);
    expect(
      messages.some((m) => /\$ref ".*missing\.schema\.json.*" does not resolve/.test(m)),
      messages.join('\n'),
    ).toBe(true);
    expect(
      messages.some((m) => /property "extra" is in OpenAPI/.test(m)),
      messages.join('\n'),
    ).toBe(true);
    expect(
      messages.some((m) => /differs from the JSON Schema type "Doc"/.test(m)),
      messages.join('\n'),
    ).toBe(true);
  });
});

describe('our tree', () => {
  const opts = defaultDriftOptions(ROOT);
  const present = existsSync(opts.xsdFile ?? '') && existsSync(resolve(ROOT, 'schema/json/request.schema.json'));
  it.skipIf(!present)('JSON Schema, XSD and OpenAPI agree', () => {
    const { findings, checked } = runDrift(opts);
    expect(checked).toEqual(['json-xsd', 'json-openapi']);
    expect(findings.map((f) => `${f.level} ${f.message}`)).toEqual([]);
  });
});
