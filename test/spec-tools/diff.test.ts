import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { diffSchemas, type ChangeKind } from '../../src/spec-tools/diff.js';
import { memoryIO } from '../support/memory-io.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIX = resolve(import.meta.dirname, 'fixtures/diff');

const io = () => memoryIO({ cwd: ROOT });

describe('diff between schema directories', () => {
  const r = diffSchemas(resolve(FIX, 'old'), resolve(FIX, 'new'));
  const find = (kind: ChangeKind, path: RegExp) => r.changes.find((c) => c.kind === kind && path.test(c.path));

  const expected: [ChangeKind, RegExp, boolean][] = [
    ['type-removed', /^Legacy$/, true],
    ['type-added', /^Extra$/, false],
    ['property-removed', /Volume\/tags$/, true],
    ['property-added', /Volume\/note$/, false],
    ['required-added', /Volume\/owner$/, true],
    ['required-added', /Volume\/path$/, true],
    ['enum-narrowed', /mode$|^Mode$/, true],
    ['enum-widened', /^Level$/, false],
    ['pattern-changed', /^Code$/, true],
    ['value-type-changed', /Volume\/size$/, true],
    ['kind-removed', /Volume\/kind$/, true],
    ['kind-removed', /AbstractThing\/kind$/, true],
    ['kind-added', /AbstractThing\/kind$/, false],
    ['property-removed', /AbstractThing\/b$/, true],
    ['property-added', /AbstractThing\/c$/, false],
  ];
  for (const [kind, path, breaking] of expected) {
    it(`reports ${kind} at ${path.source} as ${breaking ? 'breaking' : 'non-breaking'}`, () => {
      const c = find(kind, path);
      expect(c, r.changes.map((x) => `${x.kind} ${x.path}`).join('\n')).toBeDefined();
      expect(c?.breaking).toBe(breaking);
    });
  }

  it('does not report what did not change', () => {
    expect(r.changes.some((c) => /Base\/name|Volume\/name/.test(c.path))).toBe(false);
    expect(r.changes.some((c) => c.path.startsWith('ThingA'))).toBe(false);
    expect(r.summary.breaking).toBe(r.changes.filter((c) => c.breaking).length);
  });

  it('finds no change between a version and itself', () => {
    const same = diffSchemas(resolve(ROOT, 'schema/json'), resolve(ROOT, 'schema/json'));
    expect(same.changes).toEqual([]);
    expect(same.summary.typesOld).toBeGreaterThan(0);
  });
});

describe('diff of a file root', () => {
  /** The canonical schema with request.schema.json's root (which $refs ExecutionRequest) edited by `edit`. */
  function withRoot(edit: (root: Record<string, unknown>) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-diff-root-'));
    cpSync(resolve(ROOT, 'schema/json'), dir, { recursive: true });
    const file = join(dir, 'request.schema.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    edit(doc);
    writeFileSync(file, JSON.stringify(doc));
    return dir;
  }

  it('a required member added beside the root $ref breaks, under the file; a change of the type is said once', async () => {
    const canonical = resolve(ROOT, 'schema/json');
    const rootRequired = withRoot((root) => (root['required'] = ['schedule']));
    const r = diffSchemas(canonical, rootRequired);
    expect(r.changes.map((c) => [c.kind, c.path, c.breaking])).toEqual([
      ['required-added', 'request.schema.json/schedule', true],
    ]);
    const a = io();
    expect(await cli(['diff', canonical, rootRequired], a)).toBe(1);
    expect(a.out.join('')).toMatch(/BREAKING\s+required-added\s+request\.schema\.json\/schedule/);
    // The same member made required in the type itself: one change, under the type, none under the file.
    const inType = withRoot((root) => {
      const defs = root['$defs'] as Record<string, { required?: string[] }>;
      defs['ExecutionRequest']!.required = [...(defs['ExecutionRequest']!.required ?? []), 'schedule'];
    });
    expect(diffSchemas(canonical, inType).changes.map((c) => [c.kind, c.path])).toEqual([
      ['required-added', 'ExecutionRequest/schedule'],
    ]);
    expect(diffSchemas(rootRequired, canonical).changes.map((c) => [c.kind, c.breaking])).toEqual([
      ['required-removed', false],
    ]);
  });
});

describe('diff of roots that refer elsewhere or appear', () => {
  /** A schema directory of its own: `t.schema.json` defines T; `r.schema.json` holds `root` beside its $defs. */
  function version(root: Record<string, unknown>, tRequired: string[] = []): string {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-diff-roots-'));
    const t = { type: 'object', properties: { x: { type: 'string' }, y: { type: 'string' } }, required: tRequired };
    writeFileSync(join(dir, 't.schema.json'), JSON.stringify({ $defs: { T: t } }));
    writeFileSync(join(dir, 'r.schema.json'), JSON.stringify({ ...root, $defs: { Local: { type: 'string' } } }));
    return dir;
  }

  it('a change of a type reached through another file or an allOf is said once, under the type', () => {
    for (const root of [{ $ref: 't.schema.json#/$defs/T' }, { allOf: [{ $ref: 't.schema.json#/$defs/T' }] }]) {
      const r = diffSchemas(version(root), version(root, ['x']));
      expect(
        r.changes.map((c) => [c.kind, c.path]),
        JSON.stringify(root),
      ).toEqual([['required-added', 'T/x']]);
    }
  });

  it('a file whose root was no schema and now constrains breaks, under the file', () => {
    const r = diffSchemas(version({}), version({ $ref: 't.schema.json#/$defs/T', required: ['y'] }));
    expect(r.changes.filter((c) => c.breaking).map((c) => [c.kind, c.path])).toEqual([
      ['required-added', 'r.schema.json/y'],
    ]);
  });
});

describe('diff of bounds', () => {
  /** The canonical schema with MinMaxInteger (shared by cores, memory, accelerators…) edited by `edit`. */
  function edited(edit: (minMax: { properties: Record<string, Record<string, unknown>> }) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-diff-bounds-'));
    cpSync(resolve(ROOT, 'schema/json'), dir, { recursive: true });
    const file = join(dir, 'utils.schema.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      $defs: { MinMaxInteger: { properties: Record<string, Record<string, unknown>> } };
    };
    edit(doc.$defs.MinMaxInteger);
    writeFileSync(file, JSON.stringify(doc));
    return dir;
  }

  it('a raised minimum and a new maximum break, under the shared type, naming its users; the reverse does not', async () => {
    const canonical = resolve(ROOT, 'schema/json');
    const tight = edited((m) => {
      m.properties['min']!['minimum'] = 1;
      m.properties['max']!['maximum'] = 10;
    });
    const r = diffSchemas(canonical, tight);
    expect(r.changes.map((c) => [c.kind, c.path, c.breaking])).toEqual([
      ['bound-tightened', 'MinMaxInteger/max', true],
      ['bound-tightened', 'MinMaxInteger/min', true],
    ]);
    expect(r.changes[1]!.message).toMatch(/minimum changed from 0 to 1.*\(used by Simple\w+, /);
    const back = diffSchemas(tight, canonical);
    expect(back.changes.map((c) => [c.kind, c.breaking])).toEqual([
      ['bound-loosened', false],
      ['bound-loosened', false],
    ]);
    const a = io();
    expect(await cli(['diff', canonical, tight], a)).toBe(1);
    expect(a.out.join('')).toMatch(/BREAKING\s+bound-tightened\s+MinMaxInteger\/min: minimum changed from 0 to 1/);
  });

  it('a new multipleOf breaks; one that divides the old does not', () => {
    const canonical = resolve(ROOT, 'schema/json');
    const four = edited((m) => (m.properties['min']!['multipleOf'] = 4));
    const two = edited((m) => (m.properties['min']!['multipleOf'] = 2));
    expect(diffSchemas(canonical, four).summary.breaking).toBe(1);
    expect(diffSchemas(four, two).changes.map((c) => [c.kind, c.breaking])).toEqual([['bound-loosened', false]]);
    expect(diffSchemas(two, four).changes.map((c) => [c.kind, c.breaking])).toEqual([['bound-tightened', true]]);
  });
});

describe('diff between bundled files', () => {
  it('treats an added enum value and an added optional property as non-breaking', () => {
    const r = diffSchemas(resolve(FIX, 'bundled-old.yaml'), resolve(FIX, 'bundled-new.yaml'));
    expect(r.summary.breaking).toBe(0);
    expect(r.changes.map((c) => c.kind).sort()).toEqual(['enum-widened', 'property-added']);
  });

  it('reports the reverse direction as breaking', () => {
    const r = diffSchemas(resolve(FIX, 'bundled-new.yaml'), resolve(FIX, 'bundled-old.yaml'));
    expect(r.changes.map((c) => c.kind).sort()).toEqual(['enum-narrowed', 'property-removed']);
    expect(r.summary.breaking).toBe(2);
  });
});

describe('ebkit diff (CLI)', () => {
  it('exits 1 with breaking changes, in text and JSON', async () => {
    const a = io();
    expect(await cli(['diff', resolve(FIX, 'old'), resolve(FIX, 'new')], a)).toBe(1);
    expect(a.out.join('')).toMatch(/BREAKING\s+type-removed\s+Legacy: type removed/);
    const b = io();
    expect(await cli(['diff', resolve(FIX, 'old'), resolve(FIX, 'new'), '--format', 'json'], b)).toBe(1);
    const json = JSON.parse(b.out.join('')) as { summary: { breaking: number }; changes: unknown[] };
    expect(json.summary.breaking).toBeGreaterThan(0);
  });

  it('reads no file a symlink leads to out of the directory, and quotes no text of a file that is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-diff-leak-'));
    cpSync(resolve(FIX, 'old'), join(dir, 'old'), { recursive: true });
    cpSync(resolve(FIX, 'old'), join(dir, 'new'), { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'TOKEN=ghp_SuperSecretValue123\n');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'new', 'leak.json'));
    writeFileSync(join(dir, 'new', 'bad.json'), '{\n  "a": TOKEN_value_abc\n}\n');
    // A directory symlink out of the version: its listing is not walked (a link to / walked the whole disk).
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'listed-secret-name.json'), '{}');
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'new', 'linked'));
    const e = io();
    expect(await cli(['diff', join(dir, 'old'), join(dir, 'new')], e)).toBe(2);
    const err = e.err.join('');
    expect(err).not.toMatch(/ghp_|TOKEN_value/);
    expect(err).toMatch(/NEW .*leak\.json: a symlink out of .*new; it was not read/);
    expect(err).toMatch(/NEW .*linked: a symlink out of .*new; it was not read/);
    expect(err).not.toContain('listed-secret-name');
    expect(err).toMatch(/NEW .*bad\.json: The JSON is not well-formed: Unexpected token 'T' at line 2, column 8/);
  });

  it('refuses a YAML file of millions of nodes under the size limit, saying where, instead of exhausting the heap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-diff-many-'));
    const many = join(dir, 'many.yaml');
    writeFileSync(many, `$defs:\n  A: {enum: [${'a,'.repeat(2_000_000)}a]}\n`);
    const e = io();
    expect(await cli(['diff', many, many], e)).toBe(2);
    expect(e.err.join('')).toMatch(
      /many\.yaml: it holds more than 1000000 nodes \(passed at line 2, column \d+\); it was not parsed/,
    );
  });

  it('exits 0 when nothing breaks and 2 on usage errors', async () => {
    expect(await cli(['diff', resolve(FIX, 'bundled-old.yaml'), resolve(FIX, 'bundled-new.yaml')], io())).toBe(0);
    const e = io();
    expect(await cli(['diff', resolve(FIX, 'old')], e)).toBe(2);
    const m = io();
    expect(await cli(['diff', resolve(FIX, 'old'), resolve(FIX, 'nope')], m)).toBe(2);
    expect(m.err.join('')).toMatch(/EBK_READ_FAILED: cannot read .*nope: it does not exist/);
  });

  it('refuses files that hold no schema type instead of reporting "0 → 0 types, nothing breaks"', async () => {
    const request = resolve(ROOT, 'spec/examples/valid/request-notebook-simple.yaml');
    const e = io();
    expect(await cli(['diff', request, request], e)).toBe(2);
    expect(e.err.join('')).toMatch(
      /^ebkit diff: EBK_READ_FAILED: OLD .*request-notebook-simple\.yaml holds no schema type \(\$defs, definitions or components\/schemas\)/,
    );
    expect(e.out).toEqual([]);
  });

  it('a file nested 10 000 deep is one EBK_READ_FAILED line saying where, not a crash of Node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-diff-'));
    const deep = join(dir, 'deep.yaml');
    writeFileSync(deep, '['.repeat(10_000) + ']'.repeat(10_000));
    // The same file twice: the second parse is the one that used to kill the process (a fatal OOM).
    const e = io();
    expect(await cli(['diff', deep, deep], e)).toBe(2);
    expect(e.err.join('')).toMatch(
      /^ebkit diff: EBK_READ_FAILED: OLD .*deep\.yaml: it nests deeper than 256 levels at line 1, column \d+; it was not parsed\n/,
    );
  });
});

describe('ebkit diff with hostile inputs: refused with a reason, never a crash or a silent "nothing changed"', () => {
  const run = async (a: string, b: string) => {
    const io = memoryIO();
    const code = await cli(['diff', a, b], io);
    return { code, err: io.err.join(''), out: io.out.join('') };
  };
  /** A schema whose one type nests `levels` objects deep, its innermost member typed `leaf`. */
  const nested = (levels: number, leaf: string): string => {
    let node: unknown = { type: leaf };
    for (let i = 0; i < levels; i++) node = { type: 'object', properties: { p: node } };
    return JSON.stringify({ $defs: { A: node } });
  };

  it('a device, and a file past the 10 MiB limit, are refused before they are read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-diff-'));
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 2 * 1024 * 1024 * 1024);
    const zero = await run('/dev/zero', '/dev/zero');
    expect([zero.code, zero.err]).toEqual([
      2,
      expect.stringMatching(/EBK_READ_FAILED: OLD \/dev\/zero: not a regular file/),
    ]);
    const sparse = await run(big, big);
    expect(sparse.code).toBe(2);
    expect(sparse.err).toMatch(/2147483648 bytes, over the 10 MiB a schema file may have/);
  });

  it('a folder with a symlink back into itself is read once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-diff-'));
    mkdirSync(join(dir, 'd'));
    copyFileSync(join(ROOT, 'schema/json/core.schema.json'), join(dir, 'd', 'a.json'));
    symlinkSync('../d', join(dir, 'd', 'loop'));
    const r = await run(join(dir, 'd'), join(dir, 'd'));
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^0 breaking, 0 non-breaking change\(s\)/);
  });

  it('a change nested past the depth it compares is refused as not compared, not passed as unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-diff-'));
    for (const [name, leaf] of [
      ['a', 'integer'],
      ['b', 'string'],
    ] as const)
      writeFileSync(join(dir, `${name}.json`), nested(49, leaf));
    const r = await run(join(dir, 'a.json'), join(dir, 'b.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nest deeper than 40 levels .*what lies deeper was not compared/);
    for (const [name, leaf] of [
      ['a', 'integer'],
      ['b', 'string'],
    ] as const)
      writeFileSync(join(dir, `${name}.json`), nested(20, leaf));
    const shallow = await run(join(dir, 'a.json'), join(dir, 'b.json'));
    expect(shallow.out).toMatch(/BREAKING +value-type-changed/);
  });
});
