import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { EXAMPLES_DIR, loadManifest, siblingPath } from '../../scripts/gen-examples.js';
import { validateXsd, xmlToObject } from '../../src/xml/index.js';

const manifest = loadManifest();
const withXml = manifest.examples.filter((e) => e.formats.includes('xml'));
const read = (rel: string): string => readFileSync(join(EXAMPLES_DIR, rel), 'utf8');

describe('XML siblings of the examples', () => {
  it.each(withXml.map((e) => [e.file, e] as const))('%s reads back as the same document', (_file, e) => {
    const back = xmlToObject(read(siblingPath(e.file, 'xml')));
    expect(back.findings).toEqual([]);
    expect(back.docType).toBe(e.type);
    expect(back.value).toEqual(parseYaml(read(e.file)));
  });

  it.each(withXml.filter((e) => e.valid).map((e) => [e.file, e] as const))('%s validates against the XSD', async (_file, e) => {
    const findings = await validateXsd(read(siblingPath(e.file, 'xml')));
    expect(findings.map((f) => f.message)).toEqual([]);
  });
});
