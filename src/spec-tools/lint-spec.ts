import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseSpecYaml } from './yaml.js';
import type { DocumentType, Finding } from '../findings.js';
import { compareFindings, isDocumentType } from '../findings.js';
import { parse } from '../parse/index.js';
import { validate } from '../validate/index.js';
import { firstDifference } from '../validate/pointer.js';
import { objectToXml, xmlToObject } from '../xml/index.js';
import { validateXsdBatch } from '../xml/validate-xsd.js';
import { TOOLKIT_VERSION } from '../version.js';
import { defaultDriftOptions, runDrift } from './drift.js';
import { SchemaTree, eachNode, isUrlRef } from './json-tree.js';
import { type PatternSite, checkPatterns, jsonPatternSites, xsdPatternSites } from './patterns.js';
import { redoclyLint } from './redocly.js';
import { specFinding } from './finding.js';
import { readRegister } from './register.js';
import { checkCitations, type Chapter } from './citations.js';
import { errorMessage, escapeToken, isObject, printable, toText } from '../util/index.js';

export { firstDifference };

/**
 * `ebkit lint-spec`: checks the specification tree itself (register, examples, drift, patterns,
 * discriminators, media types, redocly), or the same kinds of problems in another OpenAPI tree.
 */
export interface LintSpecOptions {
  /** Root of our tree (holds schema/, spec/, redocly.yaml). */
  rootDir: string;
  /** Foreign OpenAPI files; when given, only these trees are checked. */
  openapi?: string[];
  /** Skip the redocly run (tests of other checks stay fast). */
  skipRedocly?: boolean;
  /** Skip the example corpus. */
  skipExamples?: boolean;
}

export interface LintSpecResult {
  findings: Finding[];
  /** Names of the checks that ran. */
  checks: string[];
  summary: { errors: number; warnings: number; infos: number };
  tool: 'ebkit lint-spec';
  version: string;
}

function withFile(findings: Finding[], file: string): Finding[] {
  return findings.map((f) => (f.params && 'file' in f.params ? f : { ...f, params: { ...(f.params ?? {}), file } }));
}

/** A $ref of a foreign tree that was not followed: a URL, or a file outside the root file's directory. */
export interface RefusedRef {
  /** The file holding the $ref. */
  file: string;
  ref: string;
}

/**
 * Loads an OpenAPI file and every file its $refs reach (bounded by the tree's own loading). With `refused`, the tree
 * is confined to the root file's directory: a $ref to a URL or outside it is listed there and never read or fetched.
 */
export function loadOpenApiTree(file: string, refused?: RefusedRef[]): SchemaTree {
  const root = resolve(file);
  const tree = new SchemaTree(refused ? realDir(dirname(root)) : undefined);
  const queue: { path: string; from?: RefusedRef }[] = [{ path: root }];
  const done = new Set<string>();
  while (queue.length > 0 && done.size < MAX_TREE_FILES) {
    const { path: f, from } = queue.shift() as { path: string; from?: RefusedRef };
    if (done.has(f)) continue;
    done.add(f);
    const doc = tree.load(f);
    if (from && tree.outside.has(f)) refused?.push(from);
    if (doc === undefined) continue;
    eachNode(doc, '', (node) => {
      const refs: string[] = [];
      if (typeof node['$ref'] === 'string') refs.push(node['$ref']);
      const disc = isObject(node['discriminator']) ? node['discriminator'] : undefined;
      if (disc && isObject(disc['mapping']))
        for (const v of Object.values(disc['mapping'])) if (typeof v === 'string') refs.push(v);
      for (const ref of refs) {
        const part = ref.split('#')[0] ?? '';
        if (!part) continue;
        // A URL is never fetched; in a confined (foreign) tree it is said so.
        if (isUrlRef(part)) refused?.push({ file: f, ref });
        else queue.push({ path: resolve(dirname(f), part), from: { file: f, ref } });
      }
    });
  }
  if (queue.length > 0) tree.capped = true;
  return tree;
}

/** The most files an OpenAPI tree is read from. */
const MAX_TREE_FILES = 500;

function realDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** EB-KIND-04: every discriminator mapping value resolves. */
export function checkDiscriminators(tree: SchemaTree): Finding[] {
  const out: Finding[] = [];
  for (const [file, doc] of tree.files) {
    eachNode(doc, '', (node, pointer) => {
      const disc = isObject(node['discriminator']) ? node['discriminator'] : undefined;
      if (!disc) return;
      if (typeof disc['propertyName'] !== 'string') {
        out.push(
          specFinding({
            ruleId: 'EB-KIND-04',
            message: `${pointer}/discriminator: propertyName is missing`,
            pointer: `${pointer}/discriminator`,
            params: { file },
            rule: 'discriminator',
          }),
        );
      }
      if (!isObject(disc['mapping'])) return;
      for (const [key, value] of Object.entries(disc['mapping'])) {
        const at = `${pointer}/discriminator/mapping/${escapeToken(key)}`;
        if (typeof value !== 'string') {
          out.push(
            specFinding({
              ruleId: 'EB-KIND-04',
              message: `${at}: mapping value is not a string`,
              pointer: at,
              params: { file },
              rule: 'discriminator',
            }),
          );
          continue;
        }
        // A bare name means a schema of components/schemas in the same document.
        const ref = /[#/.]/.test(value) ? value : `#/components/schemas/${value}`;
        if (!tree.resolveRef(ref, file)) {
          out.push(
            specFinding({
              ruleId: 'EB-KIND-04',
              message: `${at}: the mapping for kind "${key}" names "${value}", which does not resolve`,
              pointer: at,
              params: { file, kind: key, target: value },
              rule: 'discriminator',
            }),
          );
        }
      }
    });
  }
  return out;
}

const BODY_TYPES = ['application/yaml', 'application/json', 'application/xml'] as const;
const VOSI_PATHS = /\/(availability|capabilities)$/;

/** EB-HTTP-01/04/08: every body (outside the VOSI endpoints) offers YAML and JSON, and XML. */
export function checkMediaTypes(tree: SchemaTree, openapiFile: string): Finding[] {
  const out: Finding[] = [];
  const root = tree.load(openapiFile);
  if (!isObject(root) || !isObject(root['paths'])) return out;
  const deref = (n: unknown): unknown => {
    for (let i = 0; i < 10 && isObject(n) && typeof n['$ref'] === 'string'; i++)
      n = tree.resolveRef(n['$ref'], resolve(openapiFile))?.node;
    return n;
  };
  for (const [path, item] of Object.entries(root['paths'])) {
    if (VOSI_PATHS.test(path) || !isObject(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method) || !isObject(op)) continue;
      const bodies: [string, unknown][] = [];
      const rb = deref(op['requestBody']);
      if (isObject(rb)) bodies.push([`${method.toUpperCase()} ${path} request body`, rb['content']]);
      const responses = isObject(op['responses']) ? op['responses'] : {};
      for (const [status, resp] of Object.entries(responses)) {
        const r = deref(resp);
        if (isObject(r) && r['content'] !== undefined)
          bodies.push([`${method.toUpperCase()} ${path} ${status} response`, r['content']]);
      }
      for (const [where, content] of bodies) {
        if (!isObject(content)) continue;
        const pointer = `/paths/${escapeToken(path)}/${method}`;
        for (const mt of BODY_TYPES) {
          if (mt in content) continue;
          const xml = mt === 'application/xml';
          out.push(
            specFinding({
              ruleId: xml ? 'EB-HTTP-08' : 'EB-HTTP-04',
              message: `${where} does not list ${mt}`,
              pointer,
              params: { file: openapiFile, mediaType: mt },
              rule: 'media-types',
            }),
          );
        }
      }
    }
  }
  return out;
}

/**
 * EB-XML-02: every valid example, taken as JSON/YAML, goes to XML and back unchanged. Invalid examples
 * are left out: their fault (a number where a string is due, say) is exactly what XML may not carry.
 */
function roundTrips(
  jobs: readonly {
    entry: ManifestEntry;
    file: string;
    format: string;
    value: unknown;
    type: DocumentType | undefined;
  }[],
  dir: string,
): Finding[] {
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const j of jobs) {
    if (!j.entry.valid || j.format === 'xml' || j.type === undefined || j.value === undefined || done.has(j.entry.file))
      continue;
    done.add(j.entry.file);
    const rel = j.file.slice(dir.length + 1);
    let back: unknown;
    let problem: string | undefined;
    try {
      const r = xmlToObject(objectToXml(j.value, j.type));
      back = r.value;
      const errors = r.findings.filter((f) => f.level === 'error');
      if (errors.length > 0) problem = `its XML form does not read back (${errors[0]?.message ?? ''})`;
    } catch (err) {
      problem = `converting it to XML and back failed (${errorMessage(err)})`;
    }
    const diff = problem === undefined ? firstDifference(j.value, back) : undefined;
    if (problem === undefined && diff === undefined) continue;
    out.push(
      specFinding({
        ruleId: 'EB-XML-02',
        message: `${rel}: ${problem ?? `converted to XML and back it differs at ${diff || 'the root'}`}`,
        pointer: diff ?? '',
        params: { file: j.file },
        rule: 'xml-round-trip',
      }),
    );
  }
  return out;
}

interface ManifestEntry {
  file: string;
  type?: string;
  valid: boolean;
  formats?: string[];
  expect?: string[];
}

/** EB-DM-10: the example corpus says what it claims (valid ones pass, invalid ones fail for the listed reason). */
export async function checkExamples(rootDir: string): Promise<Finding[]> {
  const dir = join(rootDir, 'spec/examples');
  const manifestFile = join(dir, 'manifest.yaml');
  if (!existsSync(manifestFile)) return [];
  const out: Finding[] = [];
  let manifest: unknown;
  try {
    manifest = parseSpecYaml(readFileSync(manifestFile, 'utf8'));
  } catch (err) {
    return [
      specFinding({
        ruleId: 'EB-DM-10',
        message: `spec/examples/manifest.yaml is not valid YAML: ${errorMessage(err)}`,
        pointer: '',
        rule: 'examples',
      }),
    ];
  }
  const entries = isObject(manifest) && Array.isArray(manifest['examples']) ? (manifest['examples'] as unknown[]) : [];
  const jobs: {
    entry: ManifestEntry;
    file: string;
    format: string;
    findings: Finding[];
    text: string;
    value: unknown;
    type: DocumentType | undefined;
  }[] = [];
  for (const raw of entries) {
    if (!isObject(raw) || typeof raw['file'] !== 'string' || typeof raw['valid'] !== 'boolean') continue;
    const entry = raw as unknown as ManifestEntry;
    const type = isDocumentType(entry.type) ? entry.type : undefined;
    const formats = Array.isArray(entry.formats) ? entry.formats : ['yaml'];
    for (const format of formats) {
      const file = join(dir, entry.file.replace(/\.yaml$/, `.${format}`));
      if (!existsSync(file)) {
        out.push(
          specFinding({
            ruleId: 'EB-DM-10',
            message: `${entry.file}: the ${format} form is listed but missing`,
            pointer: '',
            params: { file },
            rule: 'examples',
          }),
        );
        continue;
      }
      const doc = parse(readFileSync(file), { filename: file });
      const result = validate(doc, type ? { type } : {});
      jobs.push({
        entry,
        file,
        format,
        findings: result.findings,
        text: doc.text,
        value: doc.value,
        type: type ?? result.type,
      });
    }
  }
  out.push(...roundTrips(jobs, dir));
  // One libxml2 run for every XML example (a worker start per document is slow).
  const xmlJobs = jobs.filter((j) => j.format === 'xml');
  const xsd = xmlJobs.length > 0 ? await validateXsdBatch(xmlJobs.map((j) => j.text)) : [];
  xmlJobs.forEach((j, i) => j.findings.push(...(xsd[i] ?? [])));
  for (const { entry, file, findings } of jobs) {
    const serious = findings.filter((f) => f.level === 'error' || f.level === 'warning');
    const rel = file.slice(dir.length + 1);
    if (entry.valid && serious.length > 0) {
      out.push(
        specFinding({
          ruleId: 'EB-DM-10',
          message: `${rel} is listed as valid but gets ${serious.length} finding(s), first ${serious[0]?.ruleId}: ${serious[0]?.message}`,
          pointer: serious[0]?.pointer ?? '',
          params: { file, findings: serious.map((f) => f.ruleId) },
          rule: 'examples',
        }),
      );
    }
    if (!entry.valid) {
      const expected = Array.isArray(entry.expect) ? entry.expect : [];
      const got = new Set<string>(serious.map((f) => f.ruleId));
      const missing = expected.filter((id) => !got.has(id));
      if (serious.length === 0 || missing.length > 0) {
        out.push(
          specFinding({
            ruleId: 'EB-DM-10',
            message: `${rel} is listed as invalid${expected.length ? ` for ${expected.join(', ')}` : ''} but the validator ${serious.length === 0 ? 'finds nothing wrong' : `does not report ${missing.join(', ')}`}`,
            pointer: '',
            params: { file, expected, got: [...got] },
            rule: 'examples',
          }),
        );
      }
    }
  }
  return out;
}

function summarize(findings: Finding[], checks: string[]): LintSpecResult {
  const sorted = [...findings].sort(
    (a, b) => toText(a.params?.['file'] ?? '').localeCompare(toText(b.params?.['file'] ?? '')) || compareFindings(a, b),
  );
  return {
    findings: sorted,
    checks,
    summary: {
      errors: findings.filter((f) => f.level === 'error').length,
      warnings: findings.filter((f) => f.level === 'warning').length,
      infos: findings.filter((f) => f.level === 'info').length,
    },
    tool: 'ebkit lint-spec',
    version: TOOLKIT_VERSION,
  };
}

/** Lints a foreign OpenAPI tree: refs, patterns, discriminators, media types, redocly. */
async function lintForeign(file: string, opts: LintSpecOptions, checks: string[]): Promise<Finding[]> {
  const abs = resolve(file);
  const refused: RefusedRef[] = [];
  const tree = loadOpenApiTree(abs, refused);
  const out: Finding[] = refused.map((r) =>
    specFinding({
      ruleId: 'EBK_REF_OUTSIDE',
      message: `$ref ${JSON.stringify(printable(r.ref))} points ${isUrlRef(r.ref) ? 'to a URL' : `outside ${dirname(abs)}`}; lint-spec reads only the tree under the root file's directory and fetches nothing, so it was not followed`,
      pointer: '',
      params: { file: r.file },
      rule: 'openapi',
      lower: 'warning',
    }),
  );
  if (tree.load(abs) === undefined) {
    return [
      specFinding({
        ruleId: 'EB-HTTP-18',
        message: `${file} could not be read: ${tree.broken.get(abs) ?? 'unreadable'}`,
        pointer: '',
        params: { file: abs },
        rule: 'openapi',
      }),
    ];
  }
  for (const [broken, why] of tree.broken) {
    out.push(
      specFinding({
        ruleId: 'EB-HTTP-18',
        message: `${broken} could not be read: ${why}`,
        pointer: '',
        params: { file: broken },
        rule: 'openapi',
      }),
    );
  }
  const sites: PatternSite[] = [];
  for (const [f, doc] of tree.files) sites.push(...jsonPatternSites(doc, f));
  checks.push(`patterns:${file}`, `discriminators:${file}`, `media-types:${file}`);
  out.push(...(await checkPatterns(sites)), ...checkDiscriminators(tree), ...checkMediaTypes(tree, abs));
  // redocly would resolve them: fetch the URLs, read the files. It reads each file itself (a .json with js-yaml),
  // so a file this tree could not read, or one past its file cap, may hold $refs no one here has seen.
  const unseen = tree.broken.size + (tree.capped ? 1 : 0);
  if (!opts.skipRedocly && refused.length + unseen > 0)
    out.push(
      specFinding({
        ruleId: 'EBK_REF_OUTSIDE',
        message: `redocly was not run on ${file}: ${refused.length > 0 ? `it would follow the ${refused.length} $ref(s) that point outside the tree` : `${tree.broken.size} file(s) of the tree could not be read here, so their $refs were not seen`}`,
        pointer: '',
        params: { file: abs },
        rule: 'redocly',
        lower: 'warning',
      }),
    );
  else if (!opts.skipRedocly) {
    checks.push(`redocly:${file}`);
    out.push(...withFile((await redoclyLint(abs)).findings, abs));
  }
  return out;
}

/** The chapters of the standard's text (spec/NN-*.md), in order. */
function readChapters(specDir: string): Chapter[] {
  return readdirSync(specDir)
    .filter((n) => /^\d\d-.*\.md$/.test(n))
    .sort()
    .map((n) => ({ file: join(specDir, n), text: readFileSync(join(specDir, n), 'utf8') }));
}

/** Lints our own tree. */
async function lintOwn(opts: LintSpecOptions, checks: string[]): Promise<Finding[]> {
  const root = opts.rootDir;
  const out: Finding[] = [];
  const registerFile = join(root, 'spec/requirements.yaml');
  if (existsSync(registerFile)) {
    checks.push('register');
    const register = readRegister(readFileSync(registerFile, 'utf8'));
    for (const p of register.located) {
      out.push(
        specFinding({
          ruleId: 'EBK_SYNTAX',
          message: p.message,
          pointer: '',
          ...(p.line !== undefined ? { line: p.line, column: 1 } : {}),
          params: { file: registerFile },
          rule: 'register',
        }),
      );
    }
    const chapters = readChapters(join(root, 'spec'));
    if (register.ids.length > 0 && chapters.length > 0) {
      checks.push('citations');
      out.push(
        ...checkCitations(chapters, {
          file: registerFile,
          // Every ID the register holds: a defective entry is reported as such, not as "no requirement".
          ids: register.ids,
          registerLine: register.lineOf,
        }),
      );
    }
  }
  const driftOpts = defaultDriftOptions(root);
  const drift = runDrift(driftOpts);
  checks.push(...drift.checked.map((c) => `drift:${c}`));
  out.push(...drift.findings);

  const tree = new SchemaTree();
  if (existsSync(driftOpts.jsonDir)) tree.loadDir(driftOpts.jsonDir);
  const openapi = driftOpts.openapiFile && existsSync(driftOpts.openapiFile) ? driftOpts.openapiFile : undefined;
  if (openapi) for (const [f] of loadOpenApiTree(openapi).files) tree.load(f);
  const sites: PatternSite[] = [];
  for (const [f, doc] of tree.files) sites.push(...jsonPatternSites(doc, f));
  if (driftOpts.xsdFile && existsSync(driftOpts.xsdFile))
    sites.push(...xsdPatternSites(readFileSync(driftOpts.xsdFile, 'utf8'), driftOpts.xsdFile));
  checks.push('patterns', 'discriminators');
  out.push(...(await checkPatterns(sites)), ...checkDiscriminators(tree));
  if (openapi) {
    checks.push('media-types');
    out.push(...checkMediaTypes(tree, openapi));
    if (!opts.skipRedocly) {
      checks.push('redocly');
      out.push(...withFile((await redoclyLint(openapi)).findings, openapi));
    }
  }
  if (!opts.skipExamples) {
    checks.push('examples');
    out.push(...(await checkExamples(root)));
  }
  return out;
}

/** Runs lint-spec; never throws (a crash in one check becomes one finding). */
export async function lintSpec(opts: LintSpecOptions): Promise<LintSpecResult> {
  const checks: string[] = [];
  const findings: Finding[] = [];
  try {
    if (opts.openapi && opts.openapi.length > 0) {
      for (const file of opts.openapi) findings.push(...(await lintForeign(file, opts, checks)));
    } else findings.push(...(await lintOwn(opts, checks)));
  } catch (err) {
    findings.push(
      specFinding({
        ruleId: 'EBK_RULE_CRASHED',
        message: `lint-spec crashed: ${errorMessage(err)}`,
        pointer: '',
        rule: 'lint-spec',
      }),
    );
  }
  return summarize(findings, checks);
}
