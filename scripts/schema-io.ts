/**
 * Loads the canonical JSON Schema files (schema/json) for the generators and
 * the drift checks. One place knows where they live and how they are named.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toText } from '../src/util/index.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DIR = join(ROOT, 'schema', 'json');
export const SCHEMA_BASE = 'https://www.ivoa.net/xml/ExecutionBroker/schema/v1.0/json/';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SchemaFile {
  /** Family name, e.g. "executables" (file name without .schema.json). */
  family: string;
  file: string;
  id: string;
  schema: JsonObject;
  defs: Record<string, JsonObject>;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** All schema files, sorted by family so every generator output is stable. */
export function loadSchemaFiles(dir: string = SCHEMA_DIR): SchemaFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.schema.json'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const schema = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
      const defs = isObject(schema.$defs) ? (schema.$defs as Record<string, JsonObject>) : {};
      return { family: name.replace(/\.schema\.json$/, ''), file, id: toText(schema.$id), schema, defs };
    });
}

/** The name of the $def a `$ref` points at ("x.schema.json#/$defs/Name" → "Name"). */
export function refName(ref: string): string | undefined {
  const m = /#\/\$defs\/([A-Za-z0-9_]+)$/.exec(ref);
  return m?.[1];
}

export interface KindBranch {
  /** The abstract (dispatching) type, e.g. AbstractExecutable. */
  abstract: string;
  family: string;
  kind: string;
  /** The $def the kind selects. */
  target: string;
}

/**
 * A dispatcher is a $def whose allOf holds only `if {kind const} then {$ref}`
 * branches plus one `if {kind enum} else {$ref base}` fallback (the open model).
 */
export function dispatcherBranches(
  def: JsonObject,
): { kinds: Array<{ kind: string; target: string }>; base?: string } | undefined {
  const allOf = def.allOf;
  if (!Array.isArray(allOf) || allOf.length === 0 || !allOf.every((b) => isObject(b) && 'if' in b)) return undefined;
  const kinds: Array<{ kind: string; target: string }> = [];
  let base: string | undefined;
  for (const branch of allOf as JsonObject[]) {
    const cond = branch.if;
    const kindSchema = isObject(cond) && isObject(cond.properties) ? cond.properties.kind : undefined;
    if (!isObject(kindSchema)) return undefined;
    if (typeof kindSchema.const === 'string' && isObject(branch.then) && typeof branch.then.$ref === 'string') {
      const target = refName(branch.then.$ref);
      if (!target) return undefined;
      kinds.push({ kind: kindSchema.const, target });
    } else if (Array.isArray(kindSchema.enum) && isObject(branch.else) && typeof branch.else.$ref === 'string') {
      base = refName(branch.else.$ref);
    } else {
      return undefined;
    }
  }
  return { kinds, base };
}

/** Every kind branch of every dispatcher, in file and declaration order. */
export function kindBranches(files: SchemaFile[]): KindBranch[] {
  const out: KindBranch[] = [];
  for (const f of files) {
    for (const [name, def] of Object.entries(f.defs)) {
      const d = dispatcherBranches(def);
      if (!d) continue;
      for (const k of d.kinds) out.push({ abstract: name, family: f.family, kind: k.kind, target: k.target });
    }
  }
  return out;
}

/** Visits every subschema object (depth first), with its JSON Pointer inside the file. */
export function walkSchema(node: Json, visit: (schema: JsonObject, pointer: string) => void, pointer = ''): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walkSchema(item, visit, `${pointer}/${i}`));
  } else if (isObject(node)) {
    visit(node, pointer);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' || key === 'const' || key === 'examples' || key === 'default') continue;
      walkSchema(value, visit, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  }
}
