/**
 * Writes the .json and .xml siblings of every YAML example listed in spec/examples/manifest.yaml
 * (`npm run gen:examples`). The YAML files are the sources; the siblings are generated so the
 * corpus exists in every serialization without hand copies drifting apart.
 *
 * `--check` writes nothing and exits 1 when a sibling is missing or stale.
 */
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { isDocumentType, type DocumentType } from '../src/findings.js';
import { serialize as defaultSerialize } from '../src/serialize/index.js';

export const EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'spec', 'examples');

export type ExampleFormat = 'yaml' | 'json' | 'xml';

export interface ManifestExample {
  file: string;
  type: DocumentType;
  valid: boolean;
  expect: string[];
  formats: ExampleFormat[];
  usecase?: string;
  note?: string;
}

export interface ManifestCompare {
  request: string;
  offerset: string;
  expect: string[];
}

export interface Manifest {
  examples: ManifestExample[];
  compare: ManifestCompare[];
  /** One line per defect of the manifest itself; empty when it is sound. */
  problems: string[];
}

const FORMATS: readonly ExampleFormat[] = ['yaml', 'json', 'xml'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
}

/** Reads the manifest; never throws, defects become `problems`. */
export function readManifest(text: string): Manifest {
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(text, { uniqueKeys: true });
  } catch (err) {
    return { examples: [], compare: [], problems: [`manifest.yaml: not valid YAML (${(err as Error).message})`] };
  }
  if (!isRecord(doc)) return { examples: [], compare: [], problems: ['manifest.yaml: not a mapping'] };
  const examples: ManifestExample[] = [];
  const rawExamples = Array.isArray(doc['examples']) ? (doc['examples'] as unknown[]) : [];
  if (rawExamples.length === 0) problems.push('manifest.yaml: "examples" list missing or empty');
  rawExamples.forEach((item, i) => {
    const at = `examples[${i}]`;
    if (!isRecord(item)) return void problems.push(`${at}: not a mapping`);
    const file = item['file'];
    const type = item['type'];
    const valid = item['valid'];
    const formats = stringList(item['formats']) ?? ['yaml', 'json', 'xml'];
    const expect = stringList(item['expect'] ?? []);
    if (typeof file !== 'string' || !file.endsWith('.yaml'))
      return void problems.push(`${at}: file must name a .yaml source`);
    if (!isDocumentType(type))
      return void problems.push(`${at} (${file}): type must be request|offerset|session|update|error`);
    if (typeof valid !== 'boolean') return void problems.push(`${at} (${file}): valid must be true or false`);
    if (!expect) return void problems.push(`${at} (${file}): expect must be a list of requirement IDs`);
    if (!valid && expect.length === 0)
      problems.push(`${at} (${file}): an invalid example must list what it breaks in expect`);
    if (valid && expect.length > 0) problems.push(`${at} (${file}): a valid example cannot expect findings`);
    if (file.startsWith('valid/') !== valid) problems.push(`${at} (${file}): valid flag disagrees with the directory`);
    const bad = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
    if (bad.length > 0 || !formats.includes('yaml'))
      problems.push(`${at} (${file}): formats must include yaml and only yaml, json, xml`);
    const entry: ManifestExample = { file, type, valid, expect, formats: formats as ExampleFormat[] };
    if (typeof item['usecase'] === 'string') entry.usecase = item['usecase'];
    if (typeof item['note'] === 'string') entry.note = item['note'];
    if (!entry.formats.includes('xml') && !entry.note) problems.push(`${at} (${file}): say in note why xml is skipped`);
    examples.push(entry);
  });
  const compare: ManifestCompare[] = [];
  const rawCompare = Array.isArray(doc['compare']) ? (doc['compare'] as unknown[]) : [];
  rawCompare.forEach((item, i) => {
    const at = `compare[${i}]`;
    if (!isRecord(item)) return void problems.push(`${at}: not a mapping`);
    const expect = stringList(item['expect']);
    if (typeof item['request'] !== 'string' || typeof item['offerset'] !== 'string' || !expect)
      return void problems.push(`${at}: needs request, offerset and an expect list`);
    compare.push({ request: item['request'], offerset: item['offerset'], expect });
  });
  return { examples, compare, problems };
}

export function loadManifest(dir = EXAMPLES_DIR): Manifest {
  return readManifest(readFileSync(join(dir, 'manifest.yaml'), 'utf8'));
}

/** Path of a sibling: `valid/x.yaml` → `valid/x.json`. */
export function siblingPath(file: string, format: ExampleFormat): string {
  return file.replace(/\.yaml$/, `.${format}`);
}

/** How a sibling is serialized; a parameter so tests can inject a broken serializer. */
export type SerializeFn = (value: unknown, format: 'json' | 'yaml' | 'xml', docType: DocumentType) => string;

/** The expected content of every generated sibling of one example. */
export function renderSiblings(
  yamlText: string,
  entry: ManifestExample,
  serialize: SerializeFn = defaultSerialize,
): Partial<Record<'json' | 'xml', string>> {
  const value: unknown = parseYaml(yamlText, { uniqueKeys: false });
  const out: Partial<Record<'json' | 'xml', string>> = {};
  if (entry.formats.includes('json')) out.json = JSON.stringify(value, null, 2) + '\n';
  if (entry.formats.includes('xml')) {
    const xml = serialize(value, 'xml', entry.type);
    out.xml = xml.endsWith('\n') ? xml : xml + '\n';
  }
  return out;
}

export interface Staleness {
  /** Siblings whose content differs from what the generator would write (or that are missing). */
  stale: string[];
  /** Generated-looking files (.json/.xml) with no manifest entry behind them. */
  orphans: string[];
}

/** Compares the siblings on disk with what the generator would write; optionally rewrites them. */
export function syncExamples(opts: { write: boolean; dir?: string }): Staleness & { problems: string[] } {
  const dir = opts.dir ?? EXAMPLES_DIR;
  const manifest = loadManifest(dir);
  const stale: string[] = [];
  const expected = new Set<string>();
  for (const entry of manifest.examples) {
    const src = join(dir, entry.file);
    if (!existsSync(src)) continue; // reported by the manifest test
    const rendered = renderSiblings(readFileSync(src, 'utf8'), entry);
    for (const [format, text] of Object.entries(rendered) as ['json' | 'xml', string][]) {
      const rel = siblingPath(entry.file, format);
      expected.add(rel);
      const path = join(dir, rel);
      const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      if (current === text) continue;
      if (opts.write) writeFileSync(path, text);
      else stale.push(rel);
    }
  }
  const orphans: string[] = [];
  for (const sub of ['valid', 'invalid']) {
    const subdir = join(dir, sub);
    if (!existsSync(subdir)) continue;
    for (const name of readdirSync(subdir)) {
      const rel = `${sub}/${name}`;
      if (/\.(json|xml)$/.test(name) && !expected.has(rel)) orphans.push(rel);
    }
  }
  return { stale, orphans, problems: manifest.problems };
}

/** Every sibling this generator owns (path relative to the repository root). */
export function outputs(dir: string = EXAMPLES_DIR): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of loadManifest(dir).examples) {
    const src = join(dir, entry.file);
    if (!existsSync(src)) continue; // reported by the manifest test
    for (const [format, text] of Object.entries(renderSiblings(readFileSync(src, 'utf8'), entry)) as [
      'json' | 'xml',
      string,
    ][]) {
      files.set(`spec/examples/${siblingPath(entry.file, format)}`, text);
    }
  }
  return files;
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const result = syncExamples({ write: !check });
  for (const p of result.problems) process.stderr.write(`manifest: ${p}\n`);
  for (const o of result.orphans) process.stderr.write(`gen:examples: ${o} has no manifest entry\n`);
  if (check) {
    for (const s of result.stale) process.stderr.write(`gen:examples: ${s} is stale\n`);
    return result.stale.length + result.orphans.length + result.problems.length > 0 ? 1 : 0;
  }
  const m = loadManifest();
  process.stdout.write(`gen:examples: ${m.examples.length} examples, siblings up to date\n`);
  return result.problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (err) {
    process.stderr.write(`gen:examples: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
}
