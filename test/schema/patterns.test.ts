import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { walkSchema } from '../../scripts/schema-io.js';
import { FILES, pattern } from './helpers.js';

/** Every `pattern` in every schema file, with where it is. */
const ALL_PATTERNS: Array<{ where: string; pattern: string }> = [];
for (const f of FILES) {
  walkSchema(f.schema, (s, pointer) => {
    if (typeof s.pattern === 'string') ALL_PATTERNS.push({ where: `${f.family}${pointer}`, pattern: s.pattern });
  });
}

// EB-SCH-01, EB-SCH-05. Calendar validity (Feb 30) is the validator's job, so the pattern accepts it.
const TABLES: Record<'ISO8601Instant' | 'ISO8601Duration' | 'ISO8601Interval' | 'ISO8601StartRange', { accept: string[]; reject: string[] }> = {
  ISO8601Instant: {
    accept: [
      '2026-08-14T11:00:00Z',
      '2026-08-14T11:00Z',
      '2026-08-14T11:00',
      '2026-08-14T11:00:00',
      '2026-08-14T10:55:00.120Z',
      '2026-08-14T11:00:00+02:00',
      '2026-08-14T11:00:00-05:30',
      '2026-02-30T00:00:00Z',
    ],
    reject: [
      '',
      '2026-08-14',
      '2026-08-14T11:00:00garbage',
      '2026-08-14 11:00:00Z',
      '2026-13-01T00:00Z',
      '2026-08-14T24:00Z',
      '2026-08-14T11:60Z',
      '2026-08-14T11:00:00+2:00',
      '2026-08-14T11:00:00ZZ',
      '2026-08-14T11:00:00.Z',
      '26-08-14T11:00Z',
      '٢٠٢٦-08-14T11:00Z',
      '2026-08-14T11:00:00Z\n',
    ],
  },
  ISO8601Duration: {
    accept: ['P1D', 'PT1H', 'PT0S', 'P1DT2H', 'PT1.5S', 'PT5M', 'PT45S', 'PT1M30S', 'P1M', 'P2W', 'P1Y2M3DT4H5M6.7S'],
    reject: ['', 'P', 'PT', 'P1DT', '-P1D', 'P1H', 'P1S', 'P1Y2W', 'P1.5D', 'PT1.5H', '1D', 'PT1H2D', 'pt1h', 'P1D '],
  },
  ISO8601Interval: {
    accept: [
      '2026-08-14T11:00:00Z/2026-08-14T13:00:00Z',
      '2026-08-14T11:00:00Z/PT2H',
      '2026-08-14T11:10:00Z/PT0S',
      '2026-08-14T11:00/2026-08-14T12:00+01:00',
      '2023-08-14T11:30Z/PT30M',
      '2023-08-14/P1D',
      '2023-08-09/PT2H',
      '2023-08-09/2023-08-10',
      '2023-08-09T12:00:00Z/2023-08-09T13:00:00Z',
    ],
    reject: [
      'PT2H/2026-08-14T11:00:00Z',
      'PT2H/2023-08-09',
      'PT2H',
      'R5/2026-08-14T11:00:00Z/PT1H',
      '2026-08-14T11:00:00Z',
      '2023-08-14T11:30Z/T12:00Z',
      '2026-08-14T11:00:00Z/PT',
      '2026-08-14T11:00:00Z/',
      '/PT1H',
      '2026-08-14T11:00:00Z/PT1H/PT2H',
      '2026-08-14T11:00:00Z--2026-08-14T12:00:00Z',
    ],
  },
  // EB-SCH-01, EB-SCH-11: a requested start also takes a bare instant or a bare date.
  ISO8601StartRange: {
    accept: ['2023-08-14T11:30Z', '2026-08-14', '2026-08-14T11:00', '2023-08-14T11:30Z/PT30M', '2023-08-14/P1D', '2023-08-09/2023-08-10'],
    reject: ['PT2H/2023-08-09', 'PT2H', 'R2/2026-08-14T11:00:00Z/PT1H', '2023-08-14T11:30Z/T12:00Z', '2023-08', '20230814', '2023-W33-1', '2026-08-14T11:00:00Z/', ''],
  },
};

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XSD patterns are implicitly anchored, so the JSON Schema anchors come off. */
function xsdPattern(p: string): string {
  expect(p.startsWith('^') && p.endsWith('$')).toBe(true);
  return p.slice(1, -1);
}

describe('schema patterns', () => {
  it('finds the patterns to check', () => {
    expect(ALL_PATTERNS.length).toBeGreaterThanOrEqual(4);
  });

  it.each(ALL_PATTERNS)('$where compiles as a unicode RegExp and is anchored', ({ pattern: p }) => {
    expect(() => new RegExp(p, 'u')).not.toThrow();
    expect(p.startsWith('^')).toBe(true);
    expect(p.endsWith('$')).toBe(true);
  });

  it.each(ALL_PATTERNS)('$where stays inside the ECMAScript/XSD common subset', ({ pattern: p }) => {
    // Constructs XSD lacks or reads differently: non-capturing/look-around/atomic groups, lazy
    // quantifiers, word boundaries, \d (any Unicode digit in XSD), and escapes XSD does not know.
    expect(p).not.toMatch(/\(\?|[*+?}]\?|\\[bBdDwWsS/]/);
    expect(p.slice(1, -1)).not.toMatch(/[$^](?![^[]*\])/);
  });

  it('the interval and start patterns are built from the instant and duration patterns', () => {
    const body = (name: string) => pattern(name).slice(1, -1);
    // A point is the instant's date with its time of day made optional (EB-SCH-11).
    const instant = body('ISO8601Instant');
    const t = instant.indexOf('T');
    const point = `${instant.slice(0, t)}(${instant.slice(t)})?`;
    expect(pattern('ISO8601Interval')).toBe(`^${point}/(${point}|${body('ISO8601Duration')})$`);
    expect(pattern('ISO8601StartRange')).toBe(`^${point}(/(${point}|${body('ISO8601Duration')}))?$`);
  });

  for (const [name, table] of Object.entries(TABLES)) {
    describe(name, () => {
      const re = new RegExp(pattern(name), 'u');
      it.each(table.accept)('accepts %j', (value) => expect(re.test(value)).toBe(true));
      it.each(table.reject)('rejects %j', (value) => expect(re.test(value)).toBe(false));
    });
  }

  it('every pattern is a valid XSD regex and XSD agrees with ECMAScript on the tables', async () => {
    const types = ALL_PATTERNS.map(
      (p, i) =>
        `<xs:simpleType name="p${i}"><xs:restriction base="xs:string"><xs:pattern value="${xmlEscape(xsdPattern(p.pattern))}"/></xs:restriction></xs:simpleType>`,
    );
    const elements = Object.keys(TABLES).map(
      (name) => `<xs:element name="${name}"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="${xmlEscape(xsdPattern(pattern(name)))}"/></xs:restriction></xs:simpleType></xs:element>`,
    );
    const xsd = `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${[...types, ...elements].join('')}</xs:schema>`;
    const docs: Array<{ fileName: string; contents: string; expectValid: boolean }> = [];
    for (const [name, table] of Object.entries(TABLES)) {
      for (const [expectValid, values] of [[true, table.accept], [false, table.reject]] as const) {
        values
          .filter((v) => !/[\n\r\t]/.test(v)) // XML would normalise these before the pattern sees them
          .forEach((v) => docs.push({ fileName: `d${docs.length}.xml`, contents: `<${name}>${xmlEscape(v)}</${name}>`, expectValid }));
      }
    }
    const result = await validateXML({ xml: docs.map(({ fileName, contents }) => ({ fileName, contents })), schema: [{ fileName: 'p.xsd', contents: xsd }] });
    const failed = new Set(result.errors.map((e) => e.loc?.fileName));
    const disagreements = docs.filter((d) => failed.has(d.fileName) === d.expectValid).map((d) => `${d.contents} (expected ${d.expectValid ? 'valid' : 'invalid'})`);
    expect(disagreements).toEqual([]);
  });
});
