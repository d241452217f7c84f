import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EB_NS, objectToXml } from '../../src/xml/index.js';
import { libxml2Loaded, runLibxml2 } from '../../src/xml/xsd-libxml2.js';
import { XSD_PATH } from '../../scripts/gen-xsd.js';
import { request } from './fixtures.js';

const schema = () => readFileSync(XSD_PATH, 'utf8');
const valid = objectToXml(request, 'request');
const dir = mkdtempSync(join(tmpdir(), 'ebkit-xxe-'));
const SECRET = 'ebkit-secret-7f3a';
const secretFile = join(dir, 'secret.txt');
writeFileSync(secretFile, SECRET);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the in-process XSD engine (libxml2-wasm, schema compiled once)', () => {
  it('accepts a valid document and keeps its instance for the next call', async () => {
    expect(await runLibxml2([{ fileName: 'document-0.xml', contents: valid }], schema)).toEqual({
      valid: true,
      errors: [],
    });
    expect(libxml2Loaded()).toBe(true);
    // A second batch, with a schema reader that must not be called again: the compiled schema is reused.
    const again = await runLibxml2([{ fileName: 'document-0.xml', contents: valid }], () => {
      throw new Error('the schema was read twice');
    });
    expect(again.valid).toBe(true);
  });

  it('names the line and the problem of an invalid document, per file of the batch', async () => {
    const bad = valid.replace('<mode>READONLY</mode>', '<mode>RO</mode>');
    const line = bad.split('\n').findIndex((l) => l.includes('<mode>RO</mode>')) + 1;
    const run = await runLibxml2(
      [
        { fileName: 'document-0.xml', contents: valid },
        { fileName: 'document-1.xml', contents: bad },
      ],
      schema,
    );
    expect(run.valid).toBe(false);
    expect(run.errors.length).toBeGreaterThan(0);
    const [first, ...rest] = run.errors;
    expect(first!.loc).toEqual({ fileName: 'document-1.xml', lineNumber: line });
    expect(first!.message).toContain("'RO'");
    // Then xmllint's summary line for the same file, so every engine gives the same findings.
    expect(rest.map((e) => e.message)).toEqual(['document-1.xml fails to validate']);
  });

  it('reports a document that is not well-formed with its line instead of throwing', async () => {
    const run = await runLibxml2(
      [{ fileName: 'document-0.xml', contents: `<update xmlns="${EB_NS}">\n<path></update>` }],
      schema,
    );
    expect(run.valid).toBe(false);
    expect(run.errors[0]!.loc?.lineNumber).toBe(2);
    expect(run.errors[0]!.message).toMatch(/mismatch/i);
  });

  it('never loads an external entity nor expands one, even when handed a DOCTYPE directly', async () => {
    // validate-xsd.ts refuses a DOCTYPE before any engine; this is the engine's own guard behind it.
    const xxe = `<?xml version="1.0"?><!DOCTYPE update [<!ENTITY x SYSTEM "file://${secretFile}">]><update xmlns="${EB_NS}" kind="k"><path>&x;</path></update>`;
    const laughs = `<?xml version="1.0"?><!DOCTYPE update [<!ENTITY a "${'ha'.repeat(50)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><update xmlns="${EB_NS}" kind="k"><path>&c;</path></update>`;
    const run = await runLibxml2(
      [
        { fileName: 'document-0.xml', contents: xxe },
        { fileName: 'document-1.xml', contents: laughs },
      ],
      schema,
    );
    expect(run.valid).toBe(false);
    expect(JSON.stringify(run)).not.toContain(SECRET);
    expect(JSON.stringify(run)).not.toContain('hahaha');
  });
});
