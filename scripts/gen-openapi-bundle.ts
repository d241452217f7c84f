/**
 * Generates schema/openapi/execution-broker.bundled.yaml (`npm run gen:openapi`): the OpenAPI description in
 * one file for code generators and mock servers.
 *   - every $def of schema/json becomes components/schemas/<Name>; every $ref points inside the file;
 *     no `$id` or `$schema` is kept (two schemas under one `$id` made Prism skip validation);
 *   - a kind-selected type (the JSON Schema's `if kind … then` dispatcher, open to unknown kinds) becomes
 *     `oneOf` + `discriminator` with a `mapping` on `kind`: the closed set generators understand. The
 *     JSON Schema in schema/json stays the normative, open model (EB-KIND-02);
 *   - every operation gets `examples`, taken from spec/examples (checked by our validator here), so a mock
 *     server can answer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify } from 'yaml';
import { validate } from '../src/validate/index.js';
import type { DocumentType } from '../src/findings.js';
import { ROOT, dispatcherBranches, isObject, loadSchemaFiles, refName, type Json, type JsonObject, type SchemaFile } from './schema-io.js';

export const BUNDLE_PATH = 'schema/openapi/execution-broker.bundled.yaml';
const SOURCE = join(ROOT, 'schema', 'openapi', 'execution-broker.yaml');
const EXAMPLES = join(ROOT, 'spec', 'examples');
const COMPONENT = '#/components/schemas/';

/** Rewrites every $ref of a schema-file node to the bundle's components; drops `$id`/`$schema`. */
function rewrite(node: Json, where: string): Json {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, where));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id' || key === '$schema') continue;
    if (key === '$ref' && typeof value === 'string') {
      const name = refName(value);
      if (!name) throw new Error(`${where}: $ref ${value} does not name a $def`);
      out.$ref = `${COMPONENT}${name}`;
      continue;
    }
    out[key] = key === 'enum' || key === 'const' || key === 'examples' || key === 'default' ? value : rewrite(value, where);
  }
  return out;
}

/** The kind a schema pins with `properties.kind.const`, if any. */
function pinnedKind(schema: JsonObject | undefined): string | undefined {
  const kind = isObject(schema?.properties) ? schema.properties.kind : undefined;
  return isObject(kind) && typeof kind.const === 'string' ? kind.const : undefined;
}

/** components/schemas from every $def, dispatchers turned into oneOf + discriminator mapping. */
function bundleSchemas(files: SchemaFile[]): JsonObject {
  const defs = new Map<string, { def: JsonObject; family: string }>();
  for (const f of files) {
    for (const [name, def] of Object.entries(f.defs)) {
      const seen = defs.get(name);
      if (seen) throw new Error(`$def ${name} is defined in both ${seen.family} and ${f.family}: the bundle needs unique names`);
      defs.set(name, { def, family: f.family });
    }
  }
  const schemas: JsonObject = {};
  const extra: JsonObject = {};
  for (const [name, { def, family }] of defs) {
    const d = dispatcherBranches(def);
    if (!d) {
      schemas[name] = rewrite(def, `${family}#/$defs/${name}`);
      continue;
    }
    const mapping: JsonObject = {};
    const oneOf: Json[] = [];
    for (const { kind, target } of d.kinds) {
      let ref = target;
      // A branch whose type does not pin the kind (a base type used for a kind of its own) gets a variant
      // that does, so the branches of oneOf stay mutually exclusive.
      if (pinnedKind(defs.get(target)?.def) !== kind) {
        ref = `${target}Kind`;
        extra[ref] = {
          description: `${target} with kind ${kind}.`,
          allOf: [{ $ref: `${COMPONENT}${target}` }],
          type: 'object',
          required: ['kind'],
          properties: { kind: { const: kind } },
        };
      }
      mapping[kind] = `${COMPONENT}${ref}`;
      oneOf.push({ $ref: `${COMPONENT}${ref}` });
    }
    const description = typeof def.description === 'string' ? def.description.replace(/ Selected by kind:.*$/, '') : name;
    schemas[name] = {
      description: `${description} Selected by kind (discriminator). The JSON Schema (schema/json) also accepts unknown kinds as extensions, checked against ${d.base ?? 'the common part'}; this bundle lists the known ones.`,
      oneOf,
      discriminator: { propertyName: 'kind', mapping },
    };
  }
  return { ...schemas, ...extra };
}

function loadExample(file: string, type: DocumentType): Json {
  const value = parseYaml(readFileSync(join(EXAMPLES, file), 'utf8')) as Json;
  const result = validate(value, { type });
  if (!result.valid) throw new Error(`spec/examples/${file} is not a valid ${type}: ${result.findings.map((f) => f.ruleId).join(', ')}`);
  return value;
}

/** Error documents for each shared response, valid for its status (EB-ERR-01). */
const ERROR_EXAMPLES: Record<string, [number, string, string, string]> = {
  BadRequest: [400, 'BAD_REQUEST', 'MALFORMED_BODY', 'The body is not well-formed YAML.'],
  NotFound: [404, 'NOT_FOUND', 'UNKNOWN_SESSION', 'No session has this identifier.'],
  MethodNotAllowed: [405, 'METHOD_NOT_ALLOWED', 'METHOD_NOT_ALLOWED', 'This path does not support POST.'],
  NotAcceptable: [406, 'NOT_ACCEPTABLE', 'NO_ACCEPTABLE_FORMAT', 'No format the service produces satisfies Accept.'],
  Conflict: [409, 'CONFLICT', 'UPDATE_NOT_OFFERED', 'The update is not among the session options.'],
  PayloadTooLarge: [413, 'PAYLOAD_TOO_LARGE', 'BODY_TOO_LARGE', 'The body exceeds the limit of this service.'],
  UnsupportedMediaType: [415, 'UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_CONTENT_TYPE', 'The Content-Type is not one the service reads.'],
  UnprocessableContent: [422, 'UNPROCESSABLE_CONTENT', 'INVALID_DOCUMENT', 'The request breaks the schema.'],
  InternalError: [500, 'INTERNAL_ERROR', 'INTERNAL_ERROR', 'The service failed.'],
  ServiceUnavailable: [503, 'SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'The service cannot take requests now.'],
};

/** The example for a body whose schema is `ref` (a component name), or undefined. */
function exampleFor(ref: string | undefined, operationId: string | undefined): Json | undefined {
  switch (ref) {
    case 'ExecutionRequest':
      return loadExample('valid/request-notebook-simple.yaml', 'request');
    case 'OfferSetResponse':
      return loadExample('valid/offerset-yes-three-offers.yaml', 'offerset');
    case 'AbstractExecutionSession':
      return loadExample(operationId === 'SessionSelect' ? 'valid/session-offered.yaml' : 'valid/session-accepted.yaml', 'session');
    case 'AbstractUpdate':
      return loadExample('valid/update-accept-enum-value.yaml', 'update');
    case 'DirectFailure':
      return loadExample('valid/session-failed.yaml', 'session');
    case 'VosiAvailability':
      return { available: true, upSince: '2025-01-01T00:00:00Z' };
    case 'VosiCapabilities':
      return { capability: [{ standardID: 'ivo://ivoa.net/std/ExecutionBroker' }, { standardID: 'ivo://ivoa.net/std/VOSI#availability' }, { standardID: 'ivo://ivoa.net/std/VOSI#capabilities' }] };
    default:
      return undefined;
  }
}

/** Adds `examples` to every media type of a content map that has none. */
function addExamples(content: Json | undefined, example: (ref: string | undefined) => Json | undefined): void {
  if (!isObject(content)) return;
  for (const media of Object.values(content)) {
    if (!isObject(media) || media.examples !== undefined) continue;
    const schema = isObject(media.schema) ? media.schema : undefined;
    const ref = typeof schema?.$ref === 'string' ? schema.$ref.replace(COMPONENT, '') : undefined;
    const value = example(ref);
    if (value !== undefined) media.examples = { default: { summary: `A ${ref ?? 'document'}`, value } };
  }
}

/** The OpenAPI description with its schemas inlined as components, and examples. */
export function buildOpenApiBundle(files: SchemaFile[] = loadSchemaFiles(), sourceText: string = readFileSync(SOURCE, 'utf8')): string {
  const api = rewriteOpenApiRefs(parseYaml(sourceText) as Json) as JsonObject;
  const components = isObject(api.components) ? api.components : {};
  const own = isObject(components.schemas) ? components.schemas : {};
  const schemas = bundleSchemas(files);
  for (const [name, schema] of Object.entries(own)) {
    // `Name: {$ref: ../json/…#/$defs/Name}` is the $def itself, now a component of the same name.
    if (isObject(schema) && schema.$ref === `${COMPONENT}${name}` && Object.keys(schema).length === 1) continue;
    if (name in schemas) throw new Error(`components/schemas/${name} of the OpenAPI clashes with a $def of the same name`);
    schemas[name] = schema;
  }
  components.schemas = schemas;
  const responses = isObject(components.responses) ? components.responses : {};
  for (const [name, response] of Object.entries(responses)) {
    const e = ERROR_EXAMPLES[name];
    if (!isObject(response) || !e) continue;
    const [status, error, code, message] = e;
    const doc = { status, error, code, message };
    const checked = validate(doc, { type: 'error' });
    if (!checked.valid) throw new Error(`the ${name} example is not a valid error document: ${checked.findings.map((f) => `${f.ruleId} ${f.message}`).join('; ')}`);
    addExamples(response.content, () => doc);
  }
  const bodies = isObject(components.requestBodies) ? components.requestBodies : {};
  for (const body of Object.values(bodies)) if (isObject(body)) addExamples(body.content, (ref) => exampleFor(ref, undefined));
  for (const item of Object.values(isObject(api.paths) ? api.paths : {})) {
    if (!isObject(item)) continue;
    for (const op of Object.values(item)) {
      if (!isObject(op) || !isObject(op.responses)) continue;
      const id = typeof op.operationId === 'string' ? op.operationId : undefined;
      if (isObject(op.requestBody)) addExamples(op.requestBody.content, (ref) => exampleFor(ref, id));
      for (const response of Object.values(op.responses)) if (isObject(response)) addExamples(response.content, (ref) => exampleFor(ref, id));
    }
  }
  if (isObject(api.info) && typeof api.info.description === 'string') {
    api.info.description = api.info.description.replace(
      /Data types are defined once, in the JSON Schema files under `\.\.\/json\/`; this description\s+only names them\./,
      'This is the single-file bundle generated from execution-broker.yaml and the JSON Schema files under `../json/` (the normative definitions).',
    );
  }
  const header = '# Generated by scripts/gen-openapi-bundle.ts from execution-broker.yaml and schema/json; do not edit. Run `npm run gen:openapi`.\n';
  return header + stringify(api, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** `../json/x.schema.json#/$defs/Name` in the OpenAPI → `#/components/schemas/Name`. */
function rewriteOpenApiRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteOpenApiRefs);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) {
      const name = refName(value);
      if (!name) throw new Error(`the OpenAPI $ref ${value} does not name a $def`);
      out.$ref = `${COMPONENT}${name}`;
    } else {
      out[key] = key === 'example' || key === 'examples' ? value : rewriteOpenApiRefs(value);
    }
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    writeFileSync(join(ROOT, BUNDLE_PATH), buildOpenApiBundle());
    process.stdout.write(`${BUNDLE_PATH}: written\n`);
  } catch (err) {
    process.stderr.write(`gen-openapi-bundle: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
