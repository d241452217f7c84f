/**
 * The fast YAML emitter (src/serialize/yaml.ts) against js-yaml's dump, which it must equal byte for byte,
 * and against the `yaml` library, which must read its output back as the value written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parse as yamlParse } from 'yaml';
import { dumpYaml, YAML_DUMP_OPTIONS } from '../../src/serialize/index.js';

const EXAMPLES = new URL('../../spec/examples/valid/', import.meta.url);

/** Strings a YAML writer has to think about: implicit types of 1.1 and 1.2, indicators, spaces, escapes. */
const TRICKY = [
  '',
  ' ',
  'yes',
  'No',
  'ON',
  'off',
  'y',
  'n',
  '~',
  'null',
  'Null',
  'true',
  'False',
  '0',
  '-0',
  '007',
  '0x1F',
  '0o17',
  '0b101',
  '1_000',
  '1:20',
  '1:20.5',
  '1e5',
  '1.',
  '.5',
  '.inf',
  '-.INF',
  '.nan',
  '+1',
  '+',
  '.',
  '..',
  '...',
  '---',
  '--- x',
  '... x',
  '-',
  '- a',
  '?',
  '? a',
  ':',
  'a:',
  'a:b',
  'a: b',
  '#a',
  'a#b',
  'a #b',
  '<<',
  '=',
  '==',
  '@a',
  '%a',
  '`a',
  '!a',
  '&a',
  '*a',
  '|',
  '>',
  "'",
  '"',
  'a\tb',
  'a\rb',
  '\u2028',
  '\u0085',
  '\u00a0',
  '\ufeff',
  '\u007f',
  'é',
  '日本',
  '😀',
  ' lead',
  'trail ',
  '2026-08-14',
  '2026-08-14T10:55:00Z',
  '2026-08-14T10:55:00Z/PT0S',
  'PT1H',
  'https://example.org/a?b=c#d',
  'urn:ebkit:finding:EB-OFF-01',
  'sha256:0dfeaad1f37ab8cd',
  'uri:enum-value-option',
  'a\nb',
  'a\n',
  '\n',
  'x'.repeat(1100),
];

const scalar = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ unit: 'grapheme-composite', maxLength: 12 }),
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[A-Za-z0-9_./~+=@%:#-]{1,12}$/),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 10 }));
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(fc.oneof(tie('node'), fc.constant(undefined)), { maxLength: 4 }),
  map: fc.dictionary(key, fc.oneof(tie('node'), fc.constant(undefined)), { maxKeys: 5 }),
}));

/** What a YAML reader gets back from the written value: undefined members dropped, undefined items null. */
function written(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : written(x)));
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, written(x)]),
    );
  }
  return v;
}

describe('dumpYaml', () => {
  it('writes what js-yaml dump writes, for any tree of YAML values', () => {
    fc.assert(
      fc.property(fc.oneof(tree.map, tree.list, tree.node), (v) => {
        expect(dumpYaml(v)).toBe(dump(v, YAML_DUMP_OPTIONS));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes what js-yaml dump writes for every valid example of the standard', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const v = load(readFileSync(new URL(f, EXAMPLES), 'utf8'));
      expect(dumpYaml(v), f).toBe(dump(v, YAML_DUMP_OPTIONS));
    }
  });

  it('reads back with the yaml library as the value written (round trip)', () => {
    // js-yaml writes a root key such as `... x` or `--- x` plain at column 0, where it reads as a document
    // marker (dumpYaml keeps its bytes; no document of the standard has such a member).
    const markerKey = (v: unknown): boolean =>
      typeof v === 'object' && v !== null && Object.keys(v).some((k) => /^(?:---|\.\.\.)(?:[ \t]|$)/.test(k));
    fc.assert(
      fc.property(
        fc.oneof(tree.map, tree.list).filter((v) => !markerKey(v)),
        (v) => {
          expect(yamlParse(dumpYaml(v))).toStrictEqual(written(v));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves what it cannot promise to js-yaml: multi-line strings, Dates, long keys, scalar roots', () => {
    const cases: unknown[] = [
      { a: 'line one\nline two\n' },
      { when: new Date(0) },
      { ['k'.repeat(1100)]: 1 },
      { m: new Map([['a', 1]]) },
      'a scalar root',
      42,
      null,
      [],
      {},
      { f: () => 1, g: 2 },
    ];
    for (const v of cases) expect(dumpYaml(v)).toBe(dump(v, YAML_DUMP_OPTIONS));
  });
});
