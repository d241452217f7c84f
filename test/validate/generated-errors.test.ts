/**
 * The generated validators gather errors in place instead of ajv's concat (scripts/gen-validators.ts): the same
 * errors in the same order as ajv compiled in memory gives, on every invalid example and on a hostile document
 * whose array items fail by the thousand.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../../scripts/gen-validators.js';
import { DOCUMENT_SCHEMA_IDS } from '../../src/model/documents.js';
import * as generated from '../../src/validate/generated/validators.js';
import { detectDocumentType } from '../../src/validate/index.js';
import type { DocumentType } from '../../src/findings.js';

const INVALID = join(import.meta.dirname, '../../spec/examples/invalid');
const ajv = createAjv();

function errorsOf(type: DocumentType, doc: unknown): { ours: unknown; ajvs: unknown } {
  const ours: generated.GeneratedValidator = generated[type];
  // The document schemas are synchronous (no $async): the validator returns a boolean.
  const theirs = ajv.getSchema(DOCUMENT_SCHEMA_IDS[type]) as ValidateFunction;
  ours(doc);
  theirs(doc);
  return { ours: ours.errors ?? null, ajvs: theirs.errors ?? null };
}

describe('errors of the generated validators', () => {
  const files = readdirSync(INVALID).filter((f) => f.endsWith('.json'));

  it('there are invalid examples to compare on', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)('%s: as ajv in memory gives', (file) => {
    const doc: unknown = JSON.parse(readFileSync(join(INVALID, file), 'utf8'));
    const type = detectDocumentType(doc);
    if (type === undefined) return;
    const { ours, ajvs } = errorsOf(type, doc);
    expect(ours).toEqual(ajvs);
  });

  it('a request of 3000 failing data items: every error, in order, as ajv in memory gives', () => {
    const doc = {
      executable: { kind: 'https://example.org/kinds/executable/x.yaml', location: 'https://e.org/q' },
      data: Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? { kind: 1 } : i % 3 === 1 ? 'x' : { kind: 'k' })),
      compute: [{ kind: 2 }, null],
    };
    const { ours, ajvs } = errorsOf('request', doc);
    expect((ours as unknown[]).length).toBeGreaterThan(3000);
    expect(ours).toEqual(ajvs);
  });
});

/** A request whose compute memory maximum is `max`. */
const requestWith = (max: number): unknown => ({
  executable: {
    kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml',
    image: { locations: ['a'] },
  },
  compute: {
    kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/compute/simple-compute-resource.yaml',
    memory: { min: 1, max },
  },
});

// ajv-formats' int64 is Number.isInteger only; the schema's integers are a Java broker's Long.
describe('int64 members', () => {
  // 2^63 + 2048 is the first double past 2^63 (what Long.MAX_VALUE reads as, which counts as within).
  it.each([1e19, 1e300, -1e19, 2 ** 63 + 2048, -(2 ** 63) - 2048])(
    '%d is past int64: both the generated and the in-memory validator refuse it',
    (max) => {
      const { ours, ajvs } = errorsOf('request', requestWith(max));
      expect(ours).toEqual(ajvs);
      expect(ours).toContainEqual(expect.objectContaining({ instancePath: '/compute/memory/max', keyword: 'format' }));
    },
  );

  it.each([2 ** 63, 2 ** 53 + 2, 1e15])('%d is within int64 as a double reads it', (max) => {
    expect(errorsOf('request', requestWith(max))).toEqual({ ours: null, ajvs: null });
  });
});

describe('the int64 bound, written in three places', () => {
  it('withinInt64, the in-memory format and the generated one agree at the edges', async () => {
    const { withinInt64 } = await import('../../src/util/int64.js');
    const { withinInt64Format } = await import('../../scripts/gen-validators.js');
    for (const n of [2 ** 63, -(2 ** 63), 2 ** 63 + 2048, -(2 ** 63) - 2048, 2 ** 53, 0]) {
      expect(withinInt64Format(n), String(n)).toBe(withinInt64(n));
      // A memory maximum is never negative (its minimum is 0): the generated format is judged on the others.
      if (n < 0) continue;
      const { ours } = errorsOf('request', requestWith(n));
      expect(ours === null, String(n)).toBe(withinInt64(n));
    }
  });
});
