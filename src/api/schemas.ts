/**
 * The JSON Schemas, loaded offline (`execution-broker-toolkit/schemas`). Each schema's `$ref`s name sibling
 * files relative to its `$id`; `loadSchemas()` returns every schema keyed by `$id` (from schema/registry.json),
 * ready for `new Ajv2020({ schemas })` or any validator that resolves references by `$id`, so nothing is
 * fetched from www.ivoa.net.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';

/** Absolute path of the package's schema/ directory. */
export function schemaDir(): string {
  return join(packageRoot(), 'schema');
}

/** `$id` → absolute file path, from schema/registry.json. */
export function schemaFiles(): Record<string, string> {
  const registry = JSON.parse(readFileSync(join(schemaDir(), 'registry.json'), 'utf8')) as {
    schemas: Record<string, string>;
  };
  return Object.fromEntries(Object.entries(registry.schemas).map(([id, rel]) => [id, join(schemaDir(), rel)]));
}

/** Every ExecutionBroker JSON Schema, keyed by `$id`. */
export function loadSchemas(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(schemaFiles()).map(([id, file]) => [
      id,
      JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>,
    ]),
  );
}

/**
 * The JSON Schema (2020-12) of the conformance report that `ebkit conformance --report FILE` and `--format json`
 * write, generated from its type `JsonReport`; also at `execution-broker-toolkit/schema/report/…`.
 */
export function conformanceReportSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemaDir(), 'report', 'conformance-report.schema.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}
