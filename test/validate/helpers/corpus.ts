import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import type { DocumentType } from '../../../src/findings.js';
import { ROOT } from './schema-facts.js';

export const EXAMPLES = join(ROOT, 'spec/examples');
/** The kind-URI base the YAML sources abbreviate as @K@ (expanded by gen:examples for JSON and XML). */
export const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds';

export interface ExampleEntry {
  file: string;
  type: DocumentType;
  valid: boolean;
  expect?: string[];
  formats?: ('yaml' | 'json' | 'xml')[];
}

export interface Manifest {
  examples: ExampleEntry[];
  compare?: { request: string; offerset: string; expect: string[] }[];
}

export function manifest(): Manifest {
  return load(readFileSync(join(EXAMPLES, 'manifest.yaml'), 'utf8')) as Manifest;
}

/** The text of an example in one serialization (YAML with @K@ expanded), or undefined if not generated. */
export function exampleText(file: string, format: 'yaml' | 'json' | 'xml'): string | undefined {
  const path = join(EXAMPLES, file.replace(/\.yaml$/, `.${format}`));
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  return format === 'yaml' ? text.replaceAll('@K@', K) : text;
}
