import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { DocumentType } from '../../src/findings.js';
import { MEDIA_TYPES, serialize, type Format } from '../../src/serialize/index.js';
import { xmlToObject } from '../../src/xml/index.js';

const REFERENCE = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));
const docs: [string, DocumentType][] = [
  ['execution-request.yaml', 'request'],
  ['offerset-no.yaml', 'offerset'],
  ['offerset-yes-two-offers.yaml', 'offerset'],
  ['session-accepted.yaml', 'session'],
];

const readBack: Record<Format, (text: string) => unknown> = {
  json: (t) => JSON.parse(t),
  yaml: (t) => load(t),
  xml: (t) => xmlToObject(t).value,
};

describe('serialize', () => {
  for (const [file, type] of docs) {
    const doc = load(readFileSync(REFERENCE + file, 'utf8'));
    it.each(['json', 'yaml', 'xml'] as const)(`${file} as %s reads back equal`, (format) => {
      expect(readBack[format](serialize(doc, format, type))).toStrictEqual(doc);
    });
  }

  it('indents JSON by two spaces and ends with a newline', () => {
    expect(serialize({ a: { b: 1 } }, 'json', 'request')).toBe('{\n  "a": {\n    "b": 1\n  }\n}\n');
  });

  it('writes YAML without anchors or aliases, and quotes strings YAML 1.1 would misread', () => {
    const shared = { kind: 'k' };
    const text = serialize({ result: 'YES', a: shared, b: shared, n: '10' }, 'yaml', 'offerset');
    expect(text).not.toMatch(/[&*]id/);
    expect(text).toContain("result: 'YES'");
    expect(load(text)).toEqual({ result: 'YES', a: shared, b: shared, n: '10' });
  });

  it('names one media type per format', () => {
    expect(MEDIA_TYPES).toEqual({ json: 'application/json', yaml: 'application/yaml', xml: 'application/xml' });
  });
});
