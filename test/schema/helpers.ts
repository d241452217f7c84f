/** Shared fixtures for the schema tests: the schema files, a strict ajv, the reference examples. */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { createAjv } from '../../scripts/gen-validators.js';
import { loadSchemaFiles, type JsonObject, type SchemaFile } from '../../scripts/schema-io.js';
import { SCHEMA_BASE } from '../../src/model/documents.js';
import { schemaErrors } from '../../src/validate/schema-validators.js';

export const FILES: SchemaFile[] = loadSchemaFiles();
export const AJV = createAjv(FILES);
export const REFERENCE_EXAMPLES = fileURLToPath(new URL('../fixtures/reference', import.meta.url));

export function def(name: string): { file: SchemaFile; schema: JsonObject } {
  for (const file of FILES) {
    const schema = file.defs[name];
    if (schema) return { file, schema };
  }
  throw new Error(`no $def ${name}`);
}

/** Validates against a $def (by name) or a family root (by family name), errors as schemaErrors gives them. */
export function check(target: string, value: unknown): ErrorObject[] {
  const ref = /^[a-z]+$/.test(target) ? `${SCHEMA_BASE}${target}.schema.json` : `${def(target).file.id}#/$defs/${target}`;
  const validate = AJV.getSchema(ref);
  if (!validate) throw new Error(`cannot compile ${ref}`);
  return schemaErrors(validate, value);
}

export function loadYaml(path: string): unknown {
  return parseYaml(readFileSync(path, 'utf8')) as unknown;
}

export function referenceExample(name: string): unknown {
  return loadYaml(join(REFERENCE_EXAMPLES, name));
}

export function pattern(name: string): string {
  const p = def(name).schema.pattern;
  if (typeof p !== 'string') throw new Error(`${name} has no pattern`);
  return p;
}
