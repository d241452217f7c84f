import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPkg from 'ajv-formats';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { DocumentType } from '../../src/findings.js';
import { objectToXml, validateXsdBatch, xmlToObject } from '../../src/xml/index.js';
import { ALL } from './fixtures.js';

const addFormats = addFormatsPkg.default;
const JSON_DIR = 'schema/json';
const MANIFEST = 'spec/examples/manifest.yaml';
const ROOT_SCHEMA: Record<DocumentType, string> = {
  request: 'request.schema.json',
  offerset: 'offerset.schema.json',
  session: 'sessions.schema.json',
  update: 'updates.schema.json',
  error: 'errors.schema.json',
};

const ready = existsSync(join(JSON_DIR, 'request.schema.json')) && existsSync(MANIFEST);

function jsonValidators(): Record<DocumentType, (v: unknown) => boolean> {
  const ajv = new Ajv2020({ allErrors: true, strict: false, discriminator: true });
  addFormats(ajv);
  for (const f of readdirSync(JSON_DIR).filter((n) => n.endsWith('.schema.json')))
    ajv.addSchema(JSON.parse(readFileSync(join(JSON_DIR, f), 'utf8')));
  const out = {} as Record<DocumentType, (v: unknown) => boolean>;
  for (const [type, file] of Object.entries(ROOT_SCHEMA) as [DocumentType, string][]) {
    const id = (JSON.parse(readFileSync(join(JSON_DIR, file), 'utf8')) as { $id: string }).$id;
    const validate = ajv.getSchema(id)!;
    out[type] = (v) => validate(v) as boolean;
  }
  return out;
}

interface Entry {
  file: string;
  type: DocumentType;
  valid: boolean;
}

/** Examples whose fault the XSD, too, must see (schema-level faults: enum, type, required kind, pattern). */
const XSD_MUST_REJECT = [
  'invalid/request-bad-volume-mode.yaml',
  'invalid/request-schema-type-error.yaml',
  'invalid/request-missing-kind.yaml',
  'invalid/request-duration-end-interval.yaml',
  'invalid/session-bad-phase.yaml',
];

describe.skipIf(!ready)('JSON Schema and XSD verdicts agree (schema/json exists)', () => {
  it('every document the JSON Schema accepts, the XSD accepts after conversion; the chosen broken ones both reject', async () => {
    const json = jsonValidators();
    const entries = (load(readFileSync(MANIFEST, 'utf8')) as { examples: Entry[] }).examples;
    const docs = [
      ...entries.map((e) => ({
        name: e.file,
        type: e.type,
        doc: load(readFileSync(join('spec/examples', e.file), 'utf8')),
      })),
      ...ALL.filter((c) => c.name !== 'extension kind with unknown members').map((c) => ({
        name: c.name,
        type: c.type,
        doc: JSON.parse(JSON.stringify(c.doc)) as unknown,
      })),
    ];
    const xml = docs.map((d) => objectToXml(d.doc, d.type));
    const xsd = await validateXsdBatch(xml);
    const disagreements: string[] = [];
    docs.forEach((d, i) => {
      const jsonOk = json[d.type](d.doc);
      const xsdOk = xsd[i]!.length === 0;
      // Converted back, the JSON Schema verdict is unchanged (the mapping loses nothing it judges).
      expect(json[d.type](xmlToObject(xml[i]!).value), d.name).toBe(jsonOk);
      if (jsonOk && !xsdOk) disagreements.push(`${d.name}: JSON Schema accepts, XSD rejects: ${xsd[i]![0]!.message}`);
      if (XSD_MUST_REJECT.includes(d.name) && (jsonOk || xsdOk))
        disagreements.push(`${d.name}: expected both to reject (json ${jsonOk}, xsd ${xsdOk})`);
    });
    expect(disagreements).toEqual([]);
    expect(docs.filter((d) => XSD_MUST_REJECT.includes(d.name))).toHaveLength(XSD_MUST_REJECT.length);
  });
});
