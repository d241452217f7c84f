/**
 * Generates schema/report/conformance-report.schema.json, the JSON Schema of the conformance report
 * (`ebkit conformance --report FILE`, `--format json`), from its TypeScript type `JsonReport`
 * (src/report/conformance/json.ts): the type is the one source, so the two cannot drift apart.
 */
import { createGenerator } from 'ts-json-schema-generator';
import { join } from 'node:path';
import { isMain, runGenerator, type Outputs } from './gen-lib.js';
import { ROOT } from './schema-io.js';

export const REPORT_SCHEMA = 'schema/report/conformance-report.schema.json';

export function outputs(): Outputs {
  const schema = createGenerator({
    path: join(ROOT, 'src/report/conformance/json.ts'),
    tsconfig: join(ROOT, 'tsconfig.json'),
    type: 'JsonReport',
    // The doc comments become descriptions: the schema reads as the type does.
    jsDoc: 'extended',
    // Every object closed: a member the type does not declare is a report this schema does not describe.
    additionalProperties: false,
    // Checked by tsc already; skipping it keeps a generation to one parse of one module graph.
    skipTypeCheck: true,
    sortProps: true,
  }).createSchema('JsonReport');
  const { definitions } = schema;
  const out = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:ebkit:schema:conformance-report',
    title: 'ebkit conformance report',
    $ref: '#/$defs/JsonReport',
    $defs: definitions,
  };
  // The generator writes draft-07's `definitions`; 2020-12 names them `$defs`.
  const text = JSON.stringify(out, null, 2).replaceAll('"#/definitions/', '"#/$defs/');
  return new Map([[REPORT_SCHEMA, `${text}\n`]]);
}

if (isMain(import.meta.url)) runGenerator('gen:report-schema', outputs);
