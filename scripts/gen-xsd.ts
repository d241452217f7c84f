/**
 * Writes schema/xsd/execution-broker.xsd from the mapping table, so the XSD
 * and the converter are one fact (STYLE.md item 4). ISO 8601 patterns are
 * taken from schema/json/utils.schema.json (anchors removed) when it exists.
 * A test fails when the checked-in XSD differs from what this generates.
 *
 * Regenerate: npm run gen:xsd (or npm run gen for every generated file).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  EB_NS,
  ENUMS,
  MAP_ENTRY,
  ROOTS,
  TYPES,
  type EnumName,
  type LeafType,
  type PatternName,
  type Prop,
  type TypeDef,
  type TypeName,
} from '../src/xml/mapping.js';
import { isMain, runGenerator, type Outputs } from './gen-lib.js';
import { ROOT } from './schema-io.js';

export const ROOT_DIR = ROOT;
export const XSD_PATH = resolve(ROOT_DIR, 'schema/xsd/execution-broker.xsd');
const UTILS_SCHEMA = resolve(ROOT_DIR, 'schema/json/utils.schema.json');
const ERRORS_SCHEMA = resolve(ROOT_DIR, 'schema/json/errors.schema.json');

/**
 * Fallback patterns used only while schema/json/utils.schema.json does not
 * exist; written in the common subset of ECMAScript and XSD regular expressions.
 */
const FALLBACK_PATTERNS: Record<PatternName, string> = {
  ISO8601Instant: '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+\\-]\\d{2}:\\d{2})',
  ISO8601Duration: 'P(\\d+Y)?(\\d+M)?(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?',
  ISO8601Interval:
    '\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+\\-]\\d{2}:\\d{2})?)?/(\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+\\-]\\d{2}:\\d{2})?)?|P(\\d+Y)?(\\d+M)?(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?)',
  ISO8601StartRange: '\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+\\-]\\d{2}:\\d{2})?)?(/.+)?',
  SpecificErrorCode: '[A-Z][A-Z0-9_]*',
};

/** Strips the ^…$ anchors of an ECMAScript pattern (XSD patterns are implicitly anchored). */
export function unanchor(pattern: string): string {
  let p = pattern;
  if (p.startsWith('^')) p = p.slice(1);
  if (p.endsWith('$') && !p.endsWith('\\$')) p = p.slice(0, -1);
  return p;
}

/** Finds `pattern` of each ISO 8601 definition in the JSON Schema utils file, wherever it is nested. */
export function readJsonPatterns(path = UTILS_SCHEMA): Partial<Record<PatternName, string>> {
  if (!existsSync(path)) return {};
  const out: Partial<Record<PatternName, string>> = {};
  const names = Object.keys(FALLBACK_PATTERNS) as PatternName[];
  const visit = (node: unknown, key: string | undefined): void => {
    if (typeof node !== 'object' || node === null) return;
    const rec = node as Record<string, unknown>;
    if (key && (names as string[]).includes(key) && typeof rec.pattern === 'string')
      out[key as PatternName] = rec.pattern;
    for (const [k, v] of Object.entries(rec)) visit(v, k);
  };
  try {
    visit(JSON.parse(readFileSync(path, 'utf8')), undefined);
  } catch {
    return {};
  }
  return out;
}

/** The specific error code's pattern (`$defs.ErrorCode` in errors.schema.json). */
function readErrorCodePattern(): Partial<Record<PatternName, string>> {
  try {
    const schema = JSON.parse(readFileSync(ERRORS_SCHEMA, 'utf8')) as { $defs?: { ErrorCode?: { pattern?: unknown } } };
    const pattern = schema.$defs?.ErrorCode?.pattern;
    return typeof pattern === 'string' ? { SpecificErrorCode: pattern } : {};
  } catch {
    return {};
  }
}

/** The patterns the XSD uses: the JSON Schema ones without anchors, else the fallback. */
export function xsdPatterns(json = { ...readJsonPatterns(), ...readErrorCodePattern() }): Record<PatternName, string> {
  const out = { ...FALLBACK_PATTERNS };
  for (const name of Object.keys(out) as PatternName[]) {
    const p = json[name];
    if (p !== undefined) out[name] = unanchor(p);
  }
  return out;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

const UUID = '(urn:uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

function xsdLeaf(type: LeafType): string {
  if (typeof type === 'object') return 'enum' in type ? `eb:${type.enum}` : `eb:${type.pattern}`;
  switch (type) {
    case 'string':
      return 'xs:string';
    case 'uri':
      return 'xs:anyURI';
    case 'date-time':
      return 'xs:dateTime';
    case 'uuid':
      return 'eb:UUID';
    case 'integer':
      return 'xs:long';
    case 'count':
      return 'eb:NonNegativeLong';
    case 'port':
      return 'xs:unsignedShort';
    case 'amount':
      return 'eb:NonNegativeDouble';
    case 'int32':
      return 'xs:int';
    case 'number':
      return 'xs:double';
    case 'boolean':
      return 'xs:boolean';
  }
}

const ANY = '<xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>';
const ANY_ATTR = '<xs:anyAttribute namespace="##other" processContents="lax"/>';

function member(prop: Prop, type: string, pad: string, out: string[]): void {
  const occurs = prop.required ? '' : ' minOccurs="0"';
  if ('leaf' in prop) {
    // A repeating leaf (a list of requested starts, EB-SCH-12) is the element repeated, each value typed.
    const repeats = prop.repeats ? ' maxOccurs="unbounded"' : '';
    out.push(`${pad}<xs:element name="${prop.name}" type="${xsdLeaf(prop.leaf)}"${occurs}${repeats}/>`);
  } else if ('object' in prop) {
    out.push(`${pad}<xs:element name="${prop.name}" type="eb:${prop.object}"${occurs}/>`);
  } else if ('map' in prop) {
    out.push(`${pad}<xs:element name="${prop.name}" type="eb:NameValueMap"${occurs}>`);
    out.push(`${pad}  <xs:unique name="unique-${type}-${prop.name}">`);
    out.push(`${pad}    <xs:selector xpath="eb:${MAP_ENTRY.element}"/>`);
    out.push(`${pad}    <xs:field xpath="@${MAP_ENTRY.keyAttribute}"/>`);
    out.push(`${pad}  </xs:unique>`);
    out.push(`${pad}</xs:element>`);
  } else {
    const { item, of } = prop.list;
    const itemType = typeof of === 'object' && 'object' in of ? `eb:${of.object}` : xsdLeaf(of);
    out.push(`${pad}<xs:element name="${prop.name}"${occurs}>`);
    out.push(`${pad}  <xs:complexType>`);
    out.push(`${pad}    <xs:sequence>`);
    out.push(`${pad}      <xs:element name="${item}" type="${itemType}" minOccurs="0" maxOccurs="unbounded"/>`);
    out.push(`${pad}      ${ANY}`);
    out.push(`${pad}    </xs:sequence>`);
    out.push(`${pad}  </xs:complexType>`);
    out.push(`${pad}</xs:element>`);
  }
}

/** The XSD text for the mapping table. */
export function generateXsd(patterns: Record<PatternName, string> = xsdPatterns()): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<!--');
  out.push('  ExecutionBroker 1.0 XML serialization. GENERATED from src/xml/mapping.ts by');
  out.push('  scripts/gen-xsd.ts (npm run gen:xsd); do not edit by hand.');
  out.push('  The mapping is described in schema/xsd/README.md. XSD 1.0 (libxml2).');
  out.push('-->');
  out.push(
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:eb="${EB_NS}" targetNamespace="${EB_NS}" elementFormDefault="qualified" attributeFormDefault="unqualified" version="1.0">`,
  );
  out.push('');
  out.push('  <!-- Document roots -->');
  for (const root of Object.values(ROOTS)) out.push(`  <xs:element name="${root.element}" type="eb:${root.type}"/>`);
  for (const [name, def] of Object.entries(TYPES) as [TypeName, TypeDef][]) {
    out.push('');
    out.push(`  <xs:complexType name="${name}">`);
    out.push('    <xs:sequence>');
    for (const prop of def.props) if (!('leaf' in prop && prop.attribute)) member(prop, name, '      ', out);
    out.push(`      ${ANY}`);
    out.push('    </xs:sequence>');
    for (const prop of def.props) {
      if ('leaf' in prop && prop.attribute) {
        out.push(
          `    <xs:attribute name="${prop.name}" type="${xsdLeaf(prop.leaf)}"${prop.required ? ' use="required"' : ''}/>`,
        );
      }
    }
    out.push(`    ${ANY_ATTR}`);
    out.push('  </xs:complexType>');
  }
  out.push('');
  out.push('  <!-- NameValueMap: one <entry name="…">value</entry> per member -->');
  out.push('  <xs:complexType name="NameValueMap">');
  out.push('    <xs:sequence>');
  out.push(`      <xs:element name="${MAP_ENTRY.element}" minOccurs="0" maxOccurs="unbounded">`);
  out.push('        <xs:complexType>');
  out.push('          <xs:simpleContent>');
  out.push('            <xs:extension base="xs:string">');
  out.push(`              <xs:attribute name="${MAP_ENTRY.keyAttribute}" type="xs:string" use="required"/>`);
  out.push('            </xs:extension>');
  out.push('          </xs:simpleContent>');
  out.push('        </xs:complexType>');
  out.push('      </xs:element>');
  out.push(`      ${ANY}`);
  out.push('    </xs:sequence>');
  out.push('  </xs:complexType>');
  out.push('');
  out.push('  <!-- Enumerations -->');
  for (const [name, values] of Object.entries(ENUMS) as [EnumName, readonly string[]][]) {
    out.push(`  <xs:simpleType name="${name}">`);
    out.push('    <xs:restriction base="xs:string">');
    for (const v of values) out.push(`      <xs:enumeration value="${esc(v)}"/>`);
    out.push('    </xs:restriction>');
    out.push('  </xs:simpleType>');
  }
  out.push('');
  out.push("  <!-- Non-negative numbers: the JSON Schema's minimum: 0 -->");
  for (const [name, base] of [
    ['NonNegativeLong', 'xs:long'],
    ['NonNegativeDouble', 'xs:double'],
  ] as const) {
    out.push(`  <xs:simpleType name="${name}">`);
    out.push(`    <xs:restriction base="${base}">`);
    out.push('      <xs:minInclusive value="0"/>');
    out.push('    </xs:restriction>');
    out.push('  </xs:simpleType>');
  }
  out.push('');
  out.push('  <!-- Patterns: identical to schema/json/utils.schema.json without the ^ and $ anchors -->');
  const named: [string, string][] = [...Object.entries(patterns), ['UUID', UUID]];
  for (const [name, pattern] of named) {
    out.push(`  <xs:simpleType name="${name}">`);
    out.push('    <xs:restriction base="xs:string">');
    out.push(`      <xs:pattern value="${esc(pattern)}"/>`);
    out.push('    </xs:restriction>');
    out.push('  </xs:simpleType>');
  }
  out.push('</xs:schema>');
  return `${out.join('\n')}\n`;
}

/** Every file this generator owns. */
export function outputs(): Outputs {
  return new Map([['schema/xsd/execution-broker.xsd', generateXsd()]]);
}

if (isMain(import.meta.url)) runGenerator('gen:xsd', outputs);
