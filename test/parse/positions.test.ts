import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { objectToXml } from '../../src/xml/index.js';

const example = new URL('../../spec/examples/valid/offerset-yes-three-offers.yaml', import.meta.url);
const yamlText = readFileSync(example, 'utf8');
const value = parse(yamlText, { format: 'yaml' }).value;

/** Every leaf of a value as [pointer, leaf]. */
function leaves(v: unknown, pointer = ''): [string, unknown][] {
  if (typeof v !== 'object' || v === null) return [[pointer, v]];
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  return entries.flatMap(([k, x]) => leaves(x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}

const lineAt = (text: string, line: number): string => text.split('\n')[line - 1] ?? '';

describe('locate() positions', () => {
  it('the example has deep leaves to check', () => {
    expect(leaves(value).length).toBeGreaterThan(100);
  });

  it('JSON: every leaf locates to the first character of its value', () => {
    const text = JSON.stringify(value, null, 2);
    const d = parse(text, { format: 'json' });
    for (const [pointer, leaf] of leaves(value)) {
      const at = d.locate(pointer);
      expect(at, pointer).toBeDefined();
      expect(
        lineAt(text, at?.line ?? 0)
          .slice((at?.column ?? 0) - 1)
          .startsWith(JSON.stringify(leaf)),
        pointer,
      ).toBe(true);
    }
  });

  it('YAML: every leaf locates to the line and column of its value', () => {
    const d = parse(yamlText, { format: 'yaml' });
    for (const [pointer, leaf] of leaves(value)) {
      const at = d.locate(pointer);
      expect(at, pointer).toBeDefined();
      const rest = lineAt(yamlText, at?.line ?? 0).slice((at?.column ?? 0) - 1);
      expect(rest.startsWith(String(leaf)) || rest.startsWith(JSON.stringify(leaf)), `${pointer}: ${rest}`).toBe(true);
    }
  });

  it('XML: every leaf locates to the line that holds it', () => {
    const xml = objectToXml(value, 'offerset');
    const d = parse(xml, { format: 'xml' });
    expect(d.docType).toBe('offerset');
    for (const [pointer, leaf] of leaves(value)) {
      const at = d.locate(pointer);
      expect(at, pointer).toBeDefined();
      expect(lineAt(xml, at?.line ?? 0), pointer).toContain(String(leaf));
    }
  });

  it('a deep value gets the exact line and column (JSON, YAML)', () => {
    const json = '{\n  "offers": [\n    {},\n    {\n      "compute": { "cores": { "min": 4 } }\n    }\n  ]\n}';
    expect(parse(json).locate('/offers/1/compute/cores/min')).toEqual({ line: 5, column: 38 });
    const yaml = 'offers:\n  - {}\n  - compute:\n      cores:\n        min: 4\n';
    expect(parse(yaml).locate('/offers/1/compute/cores/min')).toEqual({ line: 5, column: 14 });
  });

  it('a missing member resolves to its parent', () => {
    const yaml = 'offers:\n  - meta:\n      name: a\n';
    const d = parse(yaml);
    expect(d.locate('/offers/0/meta/uuid')).toEqual(d.locate('/offers/0/meta'));
    expect(d.locate('/offers/0/meta')).toEqual({ line: 3, column: 7 });
    expect(parse('{"a": {"b": 1}}').locate('/a/zzz/yyy')).toEqual({ line: 1, column: 7 });
  });

  it('pointer escapes (~0, ~1) are understood', () => {
    const d = parse('{"a/b": {"c~d": 5}}');
    expect(d.locate('/a~1b/c~0d')).toEqual({ line: 1, column: 17 });
  });

  it('parse findings carry positions without calling locate', () => {
    const d = parse('a: 1\nb:\n  c: 9007199254740993\n');
    expect(d.findings[0]).toMatchObject({ ruleId: 'EBK_UNSAFE_NUMBER', line: 3, column: 6 });
  });
});

describe('format detection', () => {
  const json = '{"a": 1}';
  it.each([
    [{ format: 'yaml' as const, mediaType: 'application/json', filename: 'x.json' }, 'yaml'],
    [{ mediaType: 'application/json; charset=utf-8', filename: 'x.yaml' }, 'json'],
    [{ mediaType: 'application/problem+json' }, 'json'],
    [{ mediaType: 'text/plain', filename: 'x.yml' }, 'yaml'],
    [{ filename: 'dir.v1/x.JSON' }, 'json'],
    [{}, 'json'],
  ])('%j → %s', (opts, format) => {
    expect(parse(json, opts).format).toBe(format);
  });

  it('sniffs XML, YAML and a YAML flow mapping', () => {
    expect(parse('  <?xml version="1.0"?><x/>').format).toBe('xml');
    expect(parse('a: 1').format).toBe('yaml');
    expect(parse('{a: 1}').format).toBe('yaml');
    expect(parse('{a: 1}').value).toEqual({ a: 1 });
  });

  it('a sniffed JSON syntax error is reported as JSON, with position', () => {
    const d = parse('{"a": 1,\n "b": }');
    expect(d.format).toBe('json');
    // The '}' where a value was due, not the end of the text: V8 names no position for "Unexpected token".
    expect(d.findings).toEqual([expect.objectContaining({ ruleId: 'EBK_SYNTAX', line: 2, column: 7 })]);
  });

  // Each shape of V8's messages: with a position, with a quoted piece of the text instead, and at the end.
  it.each([
    ['{\n  "executable": {\n    "kind": ,\n  }\n}\n', 3, 13, "Unexpected token ','"],
    ['{"a": NaN}', 1, 7, "Unexpected token 'N'"],
    ['executable:\n  kind: x\n', 1, 1, "Unexpected token 'e'"],
    [`{"pad": "${'x'.repeat(200)}", "b": tru }`, 1, 218, "Unexpected token ' '"],
    ['{"a": 1,}', 1, 9, 'Expected double-quoted property name'],
    ['{"a": 1}}', 1, 9, 'Unexpected non-whitespace character after JSON'],
    ['{"a": [1, 2', 1, 12, "Expected ',' or ']' after array element"],
    ['{"a": [1, 2, ', 1, 14, 'Unexpected end of JSON input'],
  ])('a JSON syntax error is placed at its fault: %j', (text, line, column, reason) => {
    const d = parse(text, { format: 'json' });
    expect(d.findings).toEqual([expect.objectContaining({ ruleId: 'EBK_SYNTAX', line, column })]);
    // The reason, without the piece of text V8 quotes (it may hold newlines and run long).
    expect(d.findings[0]?.message).toBe(`The JSON is not well-formed: ${reason}.`);
  });
});
