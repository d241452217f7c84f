import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify as yamlStringify } from 'yaml';
import { parse, type Format, type ParsedDocument } from '../../src/parse/index.js';
import { objectToXml } from '../../src/xml/index.js';

const yamlText = readFileSync(
  new URL('../../spec/examples/valid/offerset-yes-three-offers.yaml', import.meta.url),
  'utf8',
);
// one offer keeps every kind of nesting while keeping each run cheap
const full = parse(yamlText).value as { offers: unknown[] };
const value = { ...full, offers: full.offers.slice(0, 1) };
const seeds: [Format, string][] = [
  ['yaml', yamlStringify(value)],
  ['json', JSON.stringify(value)],
  ['json', JSON.stringify(value, null, 2)],
  ['xml', objectToXml(value, 'offerset')],
];

const LEVELS = new Set(['error', 'warning', 'info']);

/** What must hold for any input whatsoever. */
function checkInvariants(d: ParsedDocument): void {
  expect(Array.isArray(d.findings)).toBe(true);
  for (const f of d.findings) {
    expect(typeof f.ruleId).toBe('string');
    expect(LEVELS.has(f.level)).toBe(true);
    expect(typeof f.message).toBe('string');
    expect(f.message.length).toBeGreaterThan(0);
    expect(typeof f.pointer).toBe('string');
    if (f.line !== undefined) expect(f.line).toBeGreaterThanOrEqual(1);
    if (f.column !== undefined) expect(f.column).toBeGreaterThanOrEqual(1);
  }
  // no silent failure: an unparseable document always says why
  if (d.value === undefined) expect(d.findings.some((f) => f.level === 'error')).toBe(true);
  // the value is a finite tree (no alias cycles or bombs left for the next stage)
  expect(() => JSON.stringify(d.value)).not.toThrow();
  for (const pointer of ['', '/offers/1/compute/cores/min', '/meta/zz']) {
    const at = d.locate(pointer);
    if (at) {
      expect(at.line).toBeGreaterThanOrEqual(1);
      expect(at.column).toBeGreaterThanOrEqual(1);
    }
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Mutations of a valid document string. */
const mutation = (text: string): fc.Arbitrary<string> => {
  const at = fc.integer({ min: 0, max: text.length });
  const splice = (ins: fc.Arbitrary<string>) => fc.tuple(at, ins).map(([i, s]) => text.slice(0, i) + s + text.slice(i));
  return fc.oneof(
    at.map((i) => text.slice(0, i)), // truncation
    fc
      .tuple(at, fc.integer({ min: 0, max: 0x10ffff }))
      .map(([i, c]) => text.slice(0, i) + String.fromCodePoint(c) + text.slice(i + 1)),
    splice(
      fc
        .integer({ min: 1, max: 3000 })
        .chain((n) =>
          fc.constantFrom('['.repeat(n), '{"a":'.repeat(n), '<a>'.repeat(n), '- '.repeat(n), '{a: '.repeat(n)),
        ),
    ),
    splice(fc.constantFrom('1152921504606846976', '-99999999999999999999', '1e400', 'NaN', '0x1F')),
    splice(
      fc.constantFrom(
        '"__proto__": {"polluted": 1},',
        '__proto__:\n  polluted: 1\n',
        '<__proto__><polluted>1</polluted></__proto__>',
        'constructor: {prototype: {polluted: 1}}\n',
      ),
    ),
    splice(
      fc.constantFrom(
        '&a',
        '*a',
        '!!js/function',
        '<!DOCTYPE x [<!ENTITY e "e">]>',
        '&e;',
        '---\n',
        '\t',
        '\u0000',
        '\ufeff',
        '"',
        "'",
        '\\',
      ),
    ),
    fc
      .tuple(at, at)
      .map(
        ([i, j]) =>
          text.slice(0, Math.min(i, j)) +
          text.slice(Math.min(i, j), Math.max(i, j)).repeat(2) +
          text.slice(Math.max(i, j)),
      ),
    splice(fc.string({ maxLength: 20 })),
  );
};

describe('parse never throws and stays consistent', () => {
  it.each(seeds)(
    'mutations of a valid %s document',
    (format, text) => {
      fc.assert(
        fc.property(mutation(text), fc.boolean(), (mutated, declare) => {
          checkInvariants(parse(mutated, declare ? { format } : {}));
        }),
        { numRuns: format === 'json' ? 400 : 250 },
      );
    },
    120_000,
  );

  it('random byte strings', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom<Format | undefined>('json', 'yaml', 'xml', undefined),
        (bytes, format) => {
          checkInvariants(parse(bytes, format ? { format } : {}));
        },
      ),
      { numRuns: 500 },
    );
  }, 60_000);

  it('random JSON values round-trip through JSON and YAML', () => {
    const safeKeys = fc.string().filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
        fc.string(),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(safeKeys, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (v) => {
        for (const [format, text] of [
          ['json', JSON.stringify(v)],
          ['yaml', yamlStringify(v)],
        ] as const) {
          const d = parse(text, { format });
          checkInvariants(d);
          // only numbers that really are unsafe integers may be flagged
          expect(
            d.findings.filter((f) => f.ruleId !== 'EBK_UNSAFE_NUMBER'),
            `${format}: ${text}`,
          ).toEqual([]);
          expect(d.value, `${format}: ${text}`).toEqual(v);
        }
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});
