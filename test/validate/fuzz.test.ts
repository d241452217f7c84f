import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES, type DocumentType } from '../../src/findings.js';
import { compare, validate } from '../../src/validate/index.js';
import { accepted, offerset, request, session, update } from './helpers/fixtures.js';

/**
 * Hostile input: whatever goes in, validate returns findings and never
 * throws, and no rule crashes (a crash would mean a rule trusted the shape).
 */
type Json = Record<string, unknown>;
const BASES: [DocumentType, () => Json][] = [
  ['request', request],
  ['offerset', offerset],
  ['session', session],
  ['session', accepted],
  ['update', update],
];

/** Every path to a value inside a document. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function setAt(doc: Json, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  let cur: any = doc; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const k of path.slice(0, -1)) cur = cur[k];
  cur[path[path.length - 1]!] = value;
  return doc;
}

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    'PT',
    'P',
    '/',
    '2026-02-30T00:00:00Z',
    'R/P1D',
    'PT2H/2026-01-01',
    '9999-99-99',
    -1,
    1e308,
    NaN,
    null,
    [],
    {},
  ),
);

function check(result: ReturnType<typeof validate>): void {
  expect(Array.isArray(result.findings)).toBe(true);
  expect(typeof result.valid).toBe('boolean');
  for (const f of result.findings) {
    expect(typeof f.ruleId).toBe('string');
    expect(typeof f.pointer).toBe('string');
    expect(['error', 'warning', 'info']).toContain(f.level);
  }
  expect(result.findings.filter((f) => f.ruleId === 'EBK_RULE_CRASHED')).toEqual([]);
}

describe('validate never throws', () => {
  it('on random JSON values of every type', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(...DOCUMENT_TYPES, undefined), (value, type) => {
        check(validate(value, type ? { type } : {}));
      }),
      { numRuns: 1000 },
    );
  });

  it('on valid documents with one member replaced by something hostile', () => {
    fc.assert(
      fc.property(fc.nat(BASES.length - 1), fc.nat(), nasty, (b, pick, value) => {
        const [type, make] = BASES[b]!;
        const doc = make();
        const all = paths(doc);
        const mutated = setAt(doc, all[pick % all.length]!, value);
        check(validate(mutated, { type }));
        check(validate(mutated));
        expect(Array.isArray(compare(request(), mutated))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
