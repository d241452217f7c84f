/**
 * Generates src/validate/known-kinds.ts: the kind dispatch (`if kind = … then
 * $ref`) and the property names of each concrete type, read out of schema/json,
 * plus the member names of the document roots and the standard's units.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, runGenerator, type Outputs } from './gen-lib.js';
import { ROOT } from './schema-io.js';

export { ROOT };
type Json = Record<string, unknown>;

const FAMILY: Record<string, string> = {
  AbstractExecutable: 'executable',
  AbstractComputeResource: 'compute',
  AbstractStorageResource: 'storage',
  AbstractDataResource: 'data',
  AbstractVolumeMount: 'volume',
  AbstractExecutionSession: 'session',
  AbstractCostItem: 'cost',
  AbstractMetricItem: 'metric',
  AbstractOption: 'option',
  AbstractUpdate: 'update',
  AbstractAccelerator: 'accelerator',
};

export function loadSchemas(): Map<string, Json> {
  const dir = join(ROOT, 'schema/json');
  const files = new Map<string, Json>();
  for (const f of readdirSync(dir))
    if (f.endsWith('.json')) files.set(f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json);
  return files;
}

function resolveRef(files: Map<string, Json>, file: string, ref: string): { file: string; node: Json } {
  const [f, frag] = ref.split('#');
  const target = f ? f.split('/').pop()! : file;
  let node: unknown = files.get(target);
  for (const part of (frag ?? '').split('/').filter(Boolean)) node = (node as Json)[part];
  return { file: target, node: node as Json };
}

function collect(files: Map<string, Json>, file: string, node: Json, out: Set<string>, depth = 0): void {
  if (depth > 20 || !node) return;
  if (typeof node.$ref === 'string') {
    const r = resolveRef(files, file, node.$ref);
    collect(files, r.file, r.node, out, depth + 1);
  }
  if (node.properties && typeof node.properties === 'object') for (const k of Object.keys(node.properties)) out.add(k);
  if (Array.isArray(node.allOf)) for (const s of node.allOf) collect(files, file, s as Json, out, depth + 1);
}

export interface KindFacts {
  family: string;
  properties: string[];
  /** The members of the plain objects inside the type (not its components, which have kinds of their own). */
  nested?: NestedShapes;
}

/** The members of a plain object of the schema, and the shapes of its own plain-object members. */
export interface Shape {
  members: string[];
  /** True when the value is a list whose items have this shape. */
  each?: boolean;
  within?: NestedShapes;
}
export type NestedShapes = Record<string, Shape>;

/** `file#name` of every definition that is a component: an abstract type the kind selects, or one it selects. */
function componentDefs(files: Map<string, Json>): Set<string> {
  const out = new Set<string>();
  for (const [file, schema] of files) {
    const defs = (schema.$defs ?? {}) as Record<string, Json>;
    for (const [name, def] of Object.entries(defs)) {
      if (!FAMILY[name]) continue;
      out.add(`${file}#${name}`);
      for (const branch of (def.allOf ?? []) as Json[])
        for (const target of [branch.then, branch.else] as (Json | undefined)[])
          if (target && typeof target.$ref === 'string') {
            const r = resolveRef(files, file, target.$ref);
            out.add(`${r.file}#${target.$ref.split('/').pop()!}`);
          }
    }
  }
  return out;
}

/** The properties of an object schema (its own and its allOf's, through $refs) with the file each is read in. */
function propertiesOf(
  files: Map<string, Json>,
  file: string,
  node: Json,
  components: Set<string>,
  depth = 0,
): Map<string, { file: string; schema: Json }> | 'component' {
  const out = new Map<string, { file: string; schema: Json }>();
  if (depth > 20) return out;
  if (typeof node.$ref === 'string') {
    const r = resolveRef(files, file, node.$ref);
    if (components.has(`${r.file}#${node.$ref.split('/').pop()!}`)) return 'component';
    const inner = propertiesOf(files, r.file, r.node, components, depth + 1);
    if (inner === 'component') return inner;
    for (const [k, v] of inner) out.set(k, v);
  }
  for (const part of [...((node.allOf ?? []) as Json[]), ...((node.anyOf ?? []) as Json[])]) {
    const inner = propertiesOf(files, file, part, components, depth + 1);
    if (inner === 'component') return inner;
    for (const [k, v] of inner) if (!out.has(k)) out.set(k, v);
  }
  if (node.properties && typeof node.properties === 'object')
    for (const [k, v] of Object.entries(node.properties as Record<string, Json>)) out.set(k, { file, schema: v });
  return out;
}

/**
 * Objects whose schema lists only some of their members: an ObsCore record (its columns are another IVOA standard's,
 * the schema names eight) and a connector (its free `kind` says which members it has). Their other members are
 * theirs, not unknown.
 */
const OPEN_RECORDS: ReadonlySet<string> = new Set(['IvoaObsCoreItem', 'SimpleSessionConnector']);

/** The shapes of the plain-object members of `props`: a component or a free mapping (no properties) has none. */
function nestedOf(
  files: Map<string, Json>,
  props: Map<string, { file: string; schema: Json }>,
  components: Set<string>,
  depth: number,
): NestedShapes | undefined {
  if (depth > 8) return undefined;
  const out: NestedShapes = {};
  for (const [name, { file, schema }] of [...props].sort(([a], [b]) => a.localeCompare(b))) {
    const items = schema.items as Json | undefined;
    const each = items !== undefined;
    const ref = (each ? items : schema).$ref;
    if (typeof ref === 'string' && OPEN_RECORDS.has(ref.split('/').pop()!)) continue;
    const inner = propertiesOf(files, file, each ? items : schema, components);
    if (inner === 'component' || inner.size === 0) continue;
    const within = nestedOf(files, inner, components, depth + 1);
    out[name] = { members: [...inner.keys()].sort(), ...(each ? { each } : {}), ...(within ? { within } : {}) };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function knownKinds(): Record<string, KindFacts> {
  const files = loadSchemas();
  const components = componentDefs(files);
  const out: Record<string, KindFacts> = {};
  for (const [file, schema] of files) {
    const defs = (schema.$defs ?? {}) as Record<string, Json>;
    for (const [name, def] of Object.entries(defs)) {
      const family = FAMILY[name];
      if (!family || !Array.isArray(def.allOf)) continue;
      for (const branch of def.allOf as Json[]) {
        const cond = ((branch.if as Json | undefined)?.properties as Json | undefined)?.kind as Json | undefined;
        if (!cond || typeof cond.const !== 'string' || !branch.then) continue;
        const props = new Set<string>();
        collect(files, file, branch.then as Json, props);
        const own = propertiesOf(files, file, { $ref: (branch.then as Json).$ref }, new Set());
        const nested = own === 'component' ? undefined : nestedOf(files, own, components, 0);
        out[cond.const] = { family, properties: [...props].sort(), ...(nested ? { nested } : {}) };
      }
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Member names of the document roots that are not components (no kind dispatch): request and offer set. */
export function documentMembers(): Record<string, string[]> {
  const files = loadSchemas();
  const out: Record<string, string[]> = {};
  for (const [type, file, def] of [
    ['offerset', 'offerset.schema.json', 'OfferSetResponse'],
    ['request', 'request.schema.json', 'ExecutionRequest'],
    ['error', 'errors.schema.json', 'ErrorResponse'],
  ] as const) {
    const props = new Set<string>();
    collect(files, file, ((files.get(file)?.$defs ?? {}) as Record<string, Json>)[def] as Json, props);
    out[type] = [...props].sort();
  }
  return out;
}

/** The shapes of the plain objects inside the document roots that carry no kind dispatch. */
export function documentNested(): Record<string, NestedShapes> {
  const files = loadSchemas();
  const components = componentDefs(files);
  const out: Record<string, NestedShapes> = {};
  for (const [type, file, def] of [
    ['offerset', 'offerset.schema.json', 'OfferSetResponse'],
    ['request', 'request.schema.json', 'ExecutionRequest'],
    ['error', 'errors.schema.json', 'ErrorResponse'],
  ] as const) {
    const props = propertiesOf(files, file, { $ref: `#/$defs/${def}` }, new Set());
    const nested = props === 'component' ? undefined : nestedOf(files, props, components, 0);
    if (nested) out[type] = nested;
  }
  return out;
}

/** The standard's list of units (utils ComputeUnits). */
export function knownUnits(): string[] {
  const utils = loadSchemas().get('utils.schema.json') as Json;
  const def = ((utils.$defs as Json).ComputeUnits ?? {}) as Json;
  return (def.enum as string[] | undefined) ?? [];
}

export function renderKnownKinds(
  kinds: Record<string, KindFacts>,
  units: string[],
  roots: Record<string, string[]> = documentMembers(),
  rootNested: Record<string, NestedShapes> = documentNested(),
): string {
  const lines = Object.entries(kinds).map(
    ([kind, f]) =>
      `  ${JSON.stringify(kind)}: { family: '${f.family}', properties: ${JSON.stringify(f.properties)}${f.nested ? `, nested: ${JSON.stringify(f.nested)}` : ''} },`,
  );
  return `// Generated by scripts/gen-known-kinds.ts from schema/json; do not edit. Run \`npm run gen:known-kinds\`.
// The kinds the schema dispatches on and the member names of each concrete type.
import type { DocumentType } from '../findings.js';
import type { Family } from './family.js';

export interface KnownKind {
  readonly family: Family;
  readonly properties: readonly string[];
  /** The members of the plain objects inside the type, by member name (components have their own kinds). */
  readonly nested?: NestedShapes;
}

/** The members of a plain object of the schema, and the shapes of its own plain-object members. */
export interface Shape {
  readonly members: readonly string[];
  /** True when the value is a list whose items have this shape. */
  readonly each?: boolean;
  readonly within?: NestedShapes;
}
export type NestedShapes = Readonly<Record<string, Shape>>;

export const KNOWN_KINDS: Readonly<Record<string, KnownKind>> = {
${lines.join('\n')}
};

/** Member names of the document roots that carry no kind dispatch (request, offer set, error document). */
export const DOCUMENT_MEMBERS: Readonly<Partial<Record<DocumentType, readonly string[]>>> = {
${Object.entries(roots)
  .map(([t, m]) => `  ${t}: ${JSON.stringify(m)},`)
  .join('\n')}
};

/** The shapes of the plain objects inside those roots (the request's schedule, the offer set's meta). */
export const DOCUMENT_NESTED: Readonly<Partial<Record<DocumentType, NestedShapes>>> = {
${Object.entries(rootNested)
  .map(([t, n]) => `  ${t}: ${JSON.stringify(n)},`)
  .join('\n')}
};

/** Units values the standard lists (EB-DM-04). */
export const KNOWN_UNITS: ReadonlySet<string> = new Set(${JSON.stringify(units)});
`;
}

/** Every file this generator owns. */
export function outputs(): Outputs {
  return new Map([['src/validate/known-kinds.ts', renderKnownKinds(knownKinds(), knownUnits())]]);
}

if (isMain(import.meta.url)) runGenerator('gen:known-kinds', outputs);
