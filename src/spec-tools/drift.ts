import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Finding, Level } from '../findings.js';
import { specFinding } from './finding.js';
import type { RequirementId } from '../model/requirements.js';
import { type Loc, SchemaTree, eachNode, label } from './json-tree.js';
import { type Shape, indexXsd, jsonShape, xsdElementShape, xsdTypeShape } from './shapes.js';
import { errorMessage, escapeToken, isObject } from '../util/index.js';

/**
 * Cross-checks the three copies of the data model (STYLE.md item 4): JSON Schema (schema/json),
 * XSD (schema/xsd) and OpenAPI (schema/openapi). Types are paired by walking from the document
 * roots, so the XSD may name its types differently (e.g. a family `Executable` for the JSON
 * `AbstractExecutable`) as long as the members agree.
 */
export interface DriftRoot {
  /** `file#pointer` relative to the JSON Schema directory. */
  json: string;
  /** Name of the top-level XSD element of the same document. */
  xsdElement: string;
}

/** Document roots of ExecutionBroker 1.0 (ARCHITECTURE.md layout, XML root names of DOMAIN §3.12). */
export const DEFAULT_ROOTS: readonly DriftRoot[] = [
  { json: 'request.schema.json#/$defs/ExecutionRequest', xsdElement: 'offers-request' },
  { json: 'offerset.schema.json#/$defs/OfferSetResponse', xsdElement: 'offers-response' },
  { json: 'sessions.schema.json#/$defs/AbstractExecutionSession', xsdElement: 'execution' },
  { json: 'updates.schema.json#/$defs/AbstractUpdate', xsdElement: 'update' },
  { json: 'errors.schema.json#/$defs/ErrorResponse', xsdElement: 'error' },
];

interface Sides {
  a: string;
  b: string;
  ruleId: RequirementId;
}

function finding(sides: Sides, path: string, message: string, params: Record<string, unknown>, lower?: Level): Finding {
  return specFinding({
    ruleId: sides.ruleId,
    ...(lower ? { lower } : {}),
    message: `${path}: ${message}`,
    pointer: path,
    params,
    rule: 'schema-drift',
  });
}

/** Strips the ^…$ anchors JSON Schema patterns need and XSD patterns imply. */
export function stripAnchors(pattern: string): string {
  let p = pattern;
  if (p.startsWith('^')) p = p.slice(1);
  if (p.endsWith('$') && !p.endsWith('\\$')) p = p.slice(0, -1);
  return p;
}

/** A wrapped XML list: an element whose only content is one repeating child. */
function unwrapList(s: Shape): Shape | undefined {
  if (s.item) return s;
  if (s.props && s.props.size === 1) {
    const only = [...s.props.values()][0];
    const inner = only?.shape();
    if (inner?.item) return inner;
  }
  return undefined;
}

/** Compares two shapes member by member; `a` is the reference side (JSON Schema). */
export function compareShapes(
  a: Shape,
  b: Shape,
  path: string,
  sides: Sides,
  out: Finding[],
  seen = new Set<string>(),
): void {
  const key = `${a.id}|${b.id}`;
  if (seen.has(key)) return;
  seen.add(key);
  if (a.opaque || b.opaque || a.map || b.map) return;
  if (a.item) {
    const list = unwrapList(b);
    if (!list?.item) {
      out.push(finding(sides, path, `a list in ${sides.a} but not in ${sides.b}`, { a: a.id, b: b.id }));
      return;
    }
    compareShapes(a.item(), list.item(), `${path}/items`, sides, out, seen);
    return;
  }
  if (a.props && !b.props) {
    if (b.item)
      out.push(finding(sides, path, `an object in ${sides.a} but a list in ${sides.b}`, { a: a.id, b: b.id }));
    else
      out.push(finding(sides, path, `an object in ${sides.a} but a simple value in ${sides.b}`, { a: a.id, b: b.id }));
    return;
  }
  if (a.props && b.props) {
    for (const [name, m] of a.props) {
      const other = b.props.get(name);
      const at = `${path}/${escapeToken(name)}`;
      if (!other) {
        out.push(
          finding(sides, path, `property "${name}" is in ${sides.a} (${a.id}) but not in ${sides.b} (${b.id})`, {
            property: name,
            missingIn: sides.b,
          }),
        );
        continue;
      }
      if (m.required !== other.required) {
        out.push(
          finding(
            sides,
            at,
            `"${name}" is ${m.required ? 'required' : 'optional'} in ${sides.a} but ${other.required ? 'required' : 'optional'} in ${sides.b}`,
            {
              property: name,
              requiredIn: m.required ? sides.a : sides.b,
            },
          ),
        );
      }
      compareShapes(m.shape(), other.shape(), at, sides, out, seen);
    }
    for (const name of b.props.keys()) {
      if (!a.props.has(name)) {
        out.push(
          finding(sides, path, `property "${name}" is in ${sides.b} (${b.id}) but not in ${sides.a} (${a.id})`, {
            property: name,
            missingIn: sides.a,
          }),
        );
      }
    }
  }
  if (a.enum && b.enum) {
    const onlyA = a.enum.filter((v) => !b.enum?.includes(v));
    const onlyB = b.enum.filter((v) => !a.enum?.includes(v));
    if (onlyA.length || onlyB.length) {
      out.push(
        finding(
          sides,
          path,
          `enumerations differ: only in ${sides.a} [${onlyA.join(', ')}], only in ${sides.b} [${onlyB.join(', ')}]`,
          {
            onlyA,
            onlyB,
          },
        ),
      );
    }
  } else if (a.enum && !b.props && !b.item) {
    out.push(
      finding(
        sides,
        path,
        `${sides.a} restricts the value to [${a.enum.join(', ')}] but ${sides.b} does not`,
        { enum: a.enum },
        'warning',
      ),
    );
  } else if (b.enum && !a.props && !a.item) {
    out.push(
      finding(
        sides,
        path,
        `${sides.b} restricts the value to [${b.enum.join(', ')}] but ${sides.a} does not`,
        { enum: b.enum },
        'warning',
      ),
    );
  }
  // A JSON `format` (uuid, date-time, …) may be written as an XSD pattern: nothing to compare then.
  const formatOnly = !a.patterns?.length && a.format !== undefined;
  if ((a.patterns?.length || b.patterns?.length) && !formatOnly) {
    const pa = (a.patterns ?? []).map(stripAnchors).sort();
    const pb = (b.patterns ?? []).map(stripAnchors).sort();
    if (pa.join('\u0000') !== pb.join('\u0000')) {
      out.push(
        finding(
          sides,
          path,
          `patterns differ: ${sides.a} ${JSON.stringify(a.patterns ?? [])} vs ${sides.b} ${JSON.stringify(b.patterns ?? [])} (compared without anchors)`,
          {
            a: a.patterns ?? [],
            b: b.patterns ?? [],
          },
        ),
      );
    }
  }
}

export interface DriftOptions {
  jsonDir: string;
  xsdFile?: string;
  openapiFile?: string;
  roots?: readonly DriftRoot[];
}

/** JSON Schema ↔ XSD, from every document root, plus simple types of the same name. */
export function xsdDrift(
  tree: SchemaTree,
  jsonDir: string,
  xsdText: string,
  roots: readonly DriftRoot[] = DEFAULT_ROOTS,
): Finding[] {
  const out: Finding[] = [];
  const sides: Sides = { a: 'JSON Schema', b: 'XSD', ruleId: 'EB-XML-05' };
  let ix;
  try {
    ix = indexXsd(xsdText);
  } catch (err) {
    return [
      specFinding({
        ruleId: 'EB-XML-05',
        message: `the XSD could not be read: ${errorMessage(err)}`,
        pointer: '',
        rule: 'schema-drift',
      }),
    ];
  }
  const seen = new Set<string>();
  for (const root of roots) {
    const [file = '', pointer = ''] = root.json.split('#');
    const jsonFile = resolve(jsonDir, file);
    const loc = tree.resolveRef(`#${pointer}`, jsonFile);
    const xs = xsdElementShape(ix, root.xsdElement);
    if (!loc) {
      out.push(
        specFinding({
          ruleId: 'EB-XML-05',
          message: `JSON Schema root ${root.json} does not exist`,
          pointer: '',
          rule: 'schema-drift',
        }),
      );
      continue;
    }
    if (!xs) {
      out.push(
        specFinding({
          ruleId: 'EB-XML-05',
          message: `the XSD declares no top-level element "${root.xsdElement}" for ${root.json}`,
          pointer: '',
          rule: 'schema-drift',
        }),
      );
      continue;
    }
    compareShapes(jsonShape(tree, [loc]), xs, `/${root.xsdElement}`, sides, out, seen);
  }
  // Named simple types the roots do not reach, paired with a JSON $def of the same name when both
  // restrict the same way (names alone are not enough: an enum and a pattern type may share one).
  const reached = new Set([...seen].map((k) => k.split('|')[1]));
  for (const [name] of ix.simpleTypes) {
    if (reached.has(`xsd:${name}`)) continue;
    const xs = xsdTypeShape(ix, name);
    for (const [file, doc] of tree.files) {
      if (!file.startsWith(resolve(jsonDir)) || !isObject(doc) || !isObject(doc['$defs']) || !(name in doc['$defs']))
        continue;
      const loc: Loc = { node: doc['$defs'][name], file, pointer: `/$defs/${escapeToken(name)}` };
      const js = jsonShape(tree, [loc]);
      if (Boolean(js.enum) === Boolean(xs.enum) && Boolean(js.patterns) === Boolean(xs.patterns)) {
        compareShapes(js, xs, `/${name}`, sides, out, seen);
      }
    }
  }
  return dedupe(out);
}

/** Every $ref of an OpenAPI tree resolves; schema aliases keep the JSON names; inline schemas agree. */
export function openApiDrift(tree: SchemaTree, openapiFile: string, jsonDir?: string): Finding[] {
  const out: Finding[] = [];
  const sides: Sides = { a: 'JSON Schema', b: 'OpenAPI', ruleId: 'EB-HTTP-18' };
  const root = tree.load(openapiFile);
  if (root === undefined) {
    const why = tree.broken.get(resolve(openapiFile)) ?? 'unreadable';
    return [
      specFinding({
        ruleId: 'EB-HTTP-18',
        message: `${openapiFile} could not be read: ${why}`,
        pointer: '',
        rule: 'schema-drift',
      }),
    ];
  }
  // Walk the description and every OpenAPI-side file it reaches.
  const visited = new Set<string>();
  const queue: string[] = [resolve(openapiFile)];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (visited.has(file)) continue;
    visited.add(file);
    const doc = tree.load(file);
    if (doc === undefined) continue;
    eachNode(doc, '', (node, pointer) => {
      const ref = node['$ref'];
      if (typeof ref !== 'string') return;
      const target = tree.resolveRef(ref, file);
      if (!target) {
        out.push(
          specFinding({
            ruleId: 'EB-HTTP-18',
            message: `${basename(file)}${pointer}: $ref "${ref}" does not resolve`,
            pointer,
            params: { file, ref },
            rule: 'schema-drift',
          }),
        );
        return;
      }
      // Follow into the JSON Schema files too, so every $ref the description depends on is checked.
      if (target.file !== file) queue.push(target.file);
    });
  }
  // Schema aliases and inline schemas against the JSON Schema of the same name.
  const schemas =
    isObject(root) && isObject(root['components']) && isObject(root['components']['schemas'])
      ? root['components']['schemas']
      : {};
  const jsonDefs = new Map<string, Loc>();
  if (jsonDir) {
    for (const [file, doc] of tree.files) {
      if (!file.startsWith(resolve(jsonDir)) || !isObject(doc) || !isObject(doc['$defs'])) continue;
      for (const [name, node] of Object.entries(doc['$defs']))
        jsonDefs.set(name, { node, file, pointer: `/$defs/${escapeToken(name)}` });
    }
  }
  for (const [name, node] of Object.entries(schemas)) {
    if (!isObject(node)) continue;
    const pointer = `/components/schemas/${escapeToken(name)}`;
    if (typeof node['$ref'] === 'string' && Object.keys(node).every((k) => k === '$ref' || k === 'description')) {
      const m = /\/\$defs\/([^/]+)$/.exec(node['$ref']);
      if (m && m[1] !== name) {
        out.push(
          specFinding({
            ruleId: 'EB-HTTP-18',
            lower: 'warning',
            message: `${pointer}: the OpenAPI name "${name}" differs from the JSON Schema type "${m[1]}" it refers to`,
            pointer,
            params: { name, target: m[1] },
            rule: 'schema-drift',
          }),
        );
      }
      continue;
    }
    const json = jsonDefs.get(name);
    if (!json) continue;
    compareShapes(
      jsonShape(tree, [json]),
      jsonShape(tree, [{ node, file: resolve(openapiFile), pointer }]),
      pointer,
      sides,
      out,
    );
  }
  return dedupe(out);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function withFile(findings: Finding[], file: string): Finding[] {
  return findings.map((f) => (f.params && 'file' in f.params ? f : { ...f, params: { ...(f.params ?? {}), file } }));
}

/** Runs every drift check the given files allow; missing files are skipped, not errors. */
export function runDrift(opts: DriftOptions): { findings: Finding[]; checked: string[] } {
  const tree = new SchemaTree();
  const checked: string[] = [];
  const findings: Finding[] = [];
  if (existsSync(opts.jsonDir)) tree.loadDir(opts.jsonDir);
  for (const [file, why] of tree.broken) {
    findings.push(
      specFinding({
        ruleId: 'EB-XML-05',
        message: `${basename(file)} could not be read: ${why}`,
        pointer: '',
        rule: 'schema-drift',
      }),
    );
  }
  if (opts.xsdFile && existsSync(opts.xsdFile)) {
    checked.push('json-xsd');
    findings.push(
      ...withFile(xsdDrift(tree, opts.jsonDir, readFileSync(opts.xsdFile, 'utf8'), opts.roots), opts.xsdFile),
    );
  }
  if (opts.openapiFile && existsSync(opts.openapiFile)) {
    checked.push('json-openapi');
    findings.push(...withFile(openApiDrift(tree, opts.openapiFile, opts.jsonDir), opts.openapiFile));
  }
  return { findings, checked };
}

/** Our own tree's default locations. */
export function defaultDriftOptions(rootDir: string): DriftOptions {
  return {
    jsonDir: join(rootDir, 'schema/json'),
    xsdFile: join(rootDir, 'schema/xsd/execution-broker.xsd'),
    openapiFile: join(rootDir, 'schema/openapi/execution-broker.yaml'),
  };
}

export { label };
