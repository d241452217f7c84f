import { readFileSync, readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { CORE_SCHEMA, dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { NOT_SIMPLE, readSimpleYaml } from '../../src/parse/yaml-simple.js';
import { parse } from '../../src/parse/index.js';

/** js-yaml with the core schema: the reader must agree with it on everything it accepts. */
function jsYaml(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: load(text, { schema: CORE_SCHEMA }) };
  } catch {
    return { ok: false };
  }
}

/** Same values (-0, NaN included) and the same key order. */
function expectSame(text: string, simple: unknown): void {
  const reference = jsYaml(text);
  if (!reference.ok) throw new Error(`accepted what js-yaml refuses:\n${text}`);
  if (!isDeepStrictEqual(simple, reference.value) || JSON.stringify(simple) !== JSON.stringify(reference.value)) {
    throw new Error(
      `read differently from js-yaml:\n${text}\n${JSON.stringify(simple)}\n${JSON.stringify(reference.value)}`,
    );
  }
}

function checkAgainstJsYaml(text: string): boolean {
  const simple = readSimpleYaml(text, 64);
  if (simple === NOT_SIMPLE) return false;
  expectSame(text, simple);
  return true;
}

/** Checks `numRuns` generated texts against js-yaml; how many the reader accepted (so the check was not empty). */
function acceptedOf(texts: fc.Arbitrary<string>, numRuns: number): number {
  let accepted = 0;
  fc.assert(
    fc.property(texts, (t) => {
      if (checkAgainstJsYaml(t)) accepted++;
    }),
    { numRuns },
  );
  return accepted;
}

const root = new URL('../../', import.meta.url);
const yamlFiles = ['spec/examples/valid', 'spec/examples/invalid', 'test/fixtures/reference'].flatMap((dir) =>
  readdirSync(new URL(dir, root))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(new URL(`${dir}/${f}`, root), 'utf8')),
);

describe('readSimpleYaml reads what emitters write, as js-yaml does', () => {
  it('reads every example and fixture, and the same documents as other emitters write them', () => {
    expect(yamlFiles.length).toBeGreaterThan(50);
    const refused: string[] = [];
    for (const text of yamlFiles) {
      const value = load(text, { schema: CORE_SCHEMA });
      const forms = {
        file: text,
        yaml: stringify(value),
        'yaml, indentless sequences': stringify(value, { indentSeq: false }),
        'yaml, double quotes': stringify(value, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }),
        'yaml, single quotes': stringify(value, { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' }),
        'js-yaml': dump(value, { lineWidth: -1 }),
        'js-yaml, quoted': dump(value, { lineWidth: -1, forceQuotes: true }),
        'document start': `--- # request\n${stringify(value)}`,
        json: JSON.stringify(value),
      };
      for (const [form, t] of Object.entries(forms)) if (!checkAgainstJsYaml(t)) refused.push(`${form}:\n${t}`);
    }
    expect(refused).toEqual([]);
  });

  it('leaves everything outside the plain subset to js-yaml', () => {
    const cases = [
      '', // empty
      '# only a comment\n',
      'just a scalar\n',
      '"a quoted scalar"\n',
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: !!str 1\n', // tags
      'a: |\n  block\n', // block scalars
      'a: >-\n  folded\n',
      'a: plain\n\n  after an empty line\n', // folding rules left to js-yaml
      'a: "open\n\n  quote"\n',
      'a: plain\nb: "open\n"\n', // a quoted scalar going on at too shallow an indent
      'a: x # comment\n  more\n',
      'a:\n  plain value on its own line\n',
      '? complex\n: key\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n---\nb: 2\n', // two documents
      'a: 1\n...\n',
      'a:\t1\n', // tab
      'a: 1\r\nb: 2\r\n', // CR
      'a: 1\nb: \u0085\n', // NEL
      'a: 1\na: 2\n', // duplicate key
      '__proto__: 1\n',
      'a:\n  constructor: 1\n',
      '1: one\n', // non-string keys
      'true: yes\n',
      'null: x\n',
      '[a, b]: c\n',
      'a: 012\n', // numbers outside the plain decimal forms
      'a: 0x1F\n',
      'a: 1e3\n',
      'a: .inf\n',
      'a: 12345678901234567890\n', // an unsafe integer (the slow path warns)
      'a: b: c\n',
      'a: "q" x\n',
      'a: [1, 2,]\n', // a trailing comma
      'a: [1,\n  2]\n', // flow over lines
      'a: {b: c, b: d}\n',
      'a: [b: c]\n',
      'a: "\\x41"\n', // an escape JSON lacks
      'a: "\\ud83d"\n', // a lone surrogate
      '- - nested\n',
      'a: 1\n b: 2\n', // bad indentation
      'a:\n  b: 1\n c: 2\n',
      '  a: 1\nb: 2\n',
      'a: -\n',
      'a: [-]\n', // `-` before a flow indicator is an error
      '- [a, -]\n',
      '{a: -}\n',
      `a: 18${'0'.repeat(307)}.0\n`, // a decimal too large for a double is a string for js-yaml
      `- [-1${'0'.repeat(309)}.5]\n`,
      'a: - b\n',
    ];
    const accepted = cases.filter((t) => readSimpleYaml(t, 64) !== NOT_SIMPLE);
    expect(accepted).toEqual([]);
  });

  it('reads the forms it does accept to the values js-yaml gives', () => {
    const cases: [string, unknown][] = [
      ['a: 1\nb: -0\nc: 0.25\nd: -3.5\n', { a: 1, b: -0, c: 0.25, d: -3.5 }],
      ['a: null\nb: ~\nc:\nd: Null\ne: TRUE\nf: False\n', { a: null, b: null, c: null, d: null, e: true, f: false }],
      ['a: yes\nb: on\nc: tRUE\n', { a: 'yes', b: 'on', c: 'tRUE' }],
      [
        'a: 2026-08-14T11:00:00Z/PT2H\nb: https://x.org/a?b=1&c=*\n',
        { a: '2026-08-14T11:00:00Z/PT2H', b: 'https://x.org/a?b=1&c=*' },
      ],
      ['a: \'it\'\'s\'\nb: "say \\"hi\\" \\u00e9\\n"\n', { a: "it's", b: 'say "hi" é\n' }],
      ['a:\n- x\n- y: 1\n  z: 2\nb: 3\n', { a: ['x', { y: 1, z: 2 }], b: 3 }],
      ['a:\n  - [1, "two", {c: d, "e":f}]\n  -\n    g: []\n', { a: [[1, 'two', { c: 'd', e: 'f' }], { g: [] }] }],
      ['---\n# c\na: b # comment\n\n   # indented comment\nc: "d" # comment\n', { a: 'b', c: 'd' }],
      ['{"a":[1,2,{"b":null}],"c":"d"}', { a: [1, 2, { b: null }], c: 'd' }],
      [
        '"quoted key": 1\nkey with spaces: 2\nkey:colon: 3\n',
        { 'quoted key': 1, 'key with spaces': 2, 'key:colon': 3 },
      ],
      ['emoji: "😀"\nname: Zoë\nhash: a#b # c\n', { emoji: '😀', name: 'Zoë', hash: 'a#b' }],
      [
        'a: folded plain\n   text\n  here\nb:\n- "double\n  quoted"\n- \'single\n   quoted \'\n',
        { a: 'folded plain text here', b: ['double quoted', 'single quoted '] },
      ],
      [
        'uuid: 5a0c9e7e-2f4b-4c1a-9d3e-1b2c3d4e5f60\nday: 2026-08-14\n',
        { uuid: '5a0c9e7e-2f4b-4c1a-9d3e-1b2c3d4e5f60', day: '2026-08-14' },
      ],
    ];
    for (const [text, value] of cases) {
      const simple = readSimpleYaml(text, 64);
      expect(simple, text).toStrictEqual(value);
      expectSame(text, simple);
    }
  });

  it('stays well inside the depth limit, leaving the limit itself to js-yaml', () => {
    const nest = (n: number): string =>
      Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}k:\n`).join('') + `${' '.repeat(2 * n)}v: 1\n`;
    expect(readSimpleYaml(nest(5), 64)).not.toBe(NOT_SIMPLE);
    expect(readSimpleYaml(nest(70), 64)).toBe(NOT_SIMPLE);
    expect(readSimpleYaml(`a: ${'['.repeat(100)}${']'.repeat(100)}\n`, 64)).toBe(NOT_SIMPLE);
    // never at js-yaml's own limit: js-yaml counts scalars as nodes too
    for (const [text, needs] of [
      ['[1]\n', 3],
      ['a:\n  b: 1\n', 3],
      ['-\n - 1\n', 4],
      [`${'['.repeat(20)}1${']'.repeat(20)}\n`, 22],
    ] as const) {
      expect(() => load(text, { schema: CORE_SCHEMA, maxDepth: needs })).not.toThrow();
      expect(() => load(text, { schema: CORE_SCHEMA, maxDepth: needs - 1 })).toThrow();
      expect(readSimpleYaml(text, needs), text).toBe(NOT_SIMPLE);
    }
    expect(readSimpleYaml(`${'['.repeat(20)}1${']'.repeat(20)}\n`, 64)).not.toBe(NOT_SIMPLE);
    for (const limit of [NaN, Infinity, 1e9])
      expect(readSimpleYaml(`${'['.repeat(5000)}${']'.repeat(5000)}`, limit)).toBe(NOT_SIMPLE);
    // a caller's limit beyond what recursion allows: a stack overflow is not the reader's to throw
    expect(readSimpleYaml(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, 1e9)).toBe(NOT_SIMPLE);
    const deep = parse(nest(70), { format: 'yaml' });
    expect(deep.value).toBeUndefined();
    expect(deep.findings.map((f) => f.ruleId)).toContain('EBK_TOO_DEEP');
  });
});

describe('readSimpleYaml agrees with js-yaml on generated documents', () => {
  const tricky = fc.constantFrom(
    ...'ab -:#&*!|>\'"{}[],?%@`~.01\\\n\té😀_/+'.split(''),
    ...['null', 'true', 'False', '~', '012', '0x1', '1e3', '.5', '-', '- ', ': ', ' #', '---', '...', '\n  '],
    ...['Infinity', 'NaN', 'inf', '1:30', '1_0', '0o7', '0b1', '5a0c9e7e-2f4b', '2026-08-14'],
  );
  const text = fc.array(tricky, { maxLength: 6 }).map((parts) => parts.join(''));
  const key = fc.oneof(
    fc.constantFrom('kind', 'meta', 'name', 'a b', 'a:b', '__proto__', 'constructor', 'true', '1', '-x', 'é'),
    text,
  );
  const scalar = fc.oneof(
    fc.constantFrom(null, true, false, 0, -0, 1, -1, 0.5, 1e21, 1e-7, NaN, Infinity, 2 ** 53, 12345678901234567000),
    fc.integer(),
    fc.double(),
    text,
  );
  const { node } = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      scalar,
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(key, tie('node'), { maxKeys: 3 }),
    ),
  }));
  const emitted = fc.tuple(node, fc.integer({ min: 0, max: 6 })).map(([value, form]) => {
    switch (form) {
      case 0:
        return stringify(value);
      case 1:
        return stringify(value, { indentSeq: false });
      case 2:
        return stringify(value, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
      case 3:
        return stringify(value, { collectionStyle: 'flow' });
      case 4:
        return dump(value);
      case 5:
        return dump(value, { flowLevel: 1 });
      default:
        return JSON.stringify(value) ?? '';
    }
  });

  it('accepts only what js-yaml reads the same way', () => {
    const accepted = acceptedOf(emitted, 1500);
    // the generator is hostile on purpose, but much of what it makes is plain YAML
    expect(accepted).toBeGreaterThan(150);
  });

  it('accepts only what js-yaml reads the same way in documents made of random lines', () => {
    const piece = fc.constantFrom(
      ...['a: 1', 'b:', 'c: x y', '- ', '-', '- k: v', '"q": 1', "'s': t", 'd: "open', "e: 'open", 'close"', "close'"],
      ...['more text', '[1, 2]', '{f: g}', '# c', '', 'h: x # c', 'i: a\\', 'j: "a\\', '- - x', '? k', ': v', '---'],
    );
    const line = fc.tuple(fc.nat({ max: 6 }), piece, fc.option(text, { nil: '' }));
    const doc = fc
      .array(line, { minLength: 1, maxLength: 8 })
      .map((lines) => lines.map(([indent, p, tail]) => `${' '.repeat(indent)}${p}${tail}\n`).join(''));
    const accepted = acceptedOf(doc, 3000);
    expect(accepted).toBeGreaterThan(80);
  });

  it('accepts only what js-yaml reads the same way after random edits of real documents', () => {
    const seeds = yamlFiles.filter((_, i) => i % 6 === 0);
    const edit = fc
      .tuple(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), text), { minLength: 1, maxLength: 3 }),
      )
      .map(([seed, edits]) =>
        edits.reduce((t, [at, cut, insert]) => {
          const i = at % (t.length + 1);
          return t.slice(0, i) + insert + t.slice(i + cut);
        }, seed),
      );
    const accepted = acceptedOf(edit, 2000);
    expect(accepted).toBeGreaterThan(200);
  });
});
