import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Reads the kind dispatch (`if kind = … then $ref`) and the property names of
 * each concrete type out of schema/json: the facts src/validate/known-kinds.ts
 * copies, so a drift test can compare the two.
 */
export const ROOT = resolve(import.meta.dirname, '../../..');
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
  for (const f of readdirSync(dir)) if (f.endsWith('.json')) files.set(f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json);
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
}

export function knownKinds(): Record<string, KindFacts> {
  const files = loadSchemas();
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
        out[cond.const] = { family, properties: [...props].sort() };
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
  ] as const) {
    const props = new Set<string>();
    collect(files, file, ((files.get(file)?.$defs ?? {}) as Record<string, Json>)[def] as Json, props);
    out[type] = [...props].sort();
  }
  return out;
}

/** The standard's list of units (utils ComputeUnits). */
export function knownUnits(): string[] {
  const utils = loadSchemas().get('utils.schema.json') as Json;
  const def = ((utils.$defs as Json).ComputeUnits ?? {}) as Json;
  return (def.enum as string[] | undefined) ?? [];
}

export function renderKnownKinds(kinds: Record<string, KindFacts>, units: string[], roots: Record<string, string[]> = documentMembers()): string {
  const lines = Object.entries(kinds).map(
    ([kind, f]) => `  ${JSON.stringify(kind)}: { family: '${f.family}', properties: ${JSON.stringify(f.properties)} },`,
  );
  return `// GENERATED from schema/json by test/validate/known-kinds.test.ts (EBKIT_UPDATE=1 npx vitest run test/validate/known-kinds.test.ts).
// The kinds the schema dispatches on and the member names of each concrete type; a drift test keeps it equal to the schema.
import type { DocumentType } from '../findings.js';
import type { Family } from './walker.js';

export interface KnownKind {
  readonly family: Family;
  readonly properties: readonly string[];
}

export const KNOWN_KINDS: Readonly<Record<string, KnownKind>> = {
${lines.join('\n')}
};

/** Member names of the document roots that carry no kind dispatch (request, offer set). */
export const DOCUMENT_MEMBERS: Readonly<Partial<Record<DocumentType, readonly string[]>>> = {
${Object.entries(roots).map(([t, m]) => `  ${t}: ${JSON.stringify(m)},`).join('\n')}
};

/** Units values the standard lists (EB-DM-04). */
export const KNOWN_UNITS: ReadonlySet<string> = new Set(${JSON.stringify(units)});
`;
}
