import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redoclyLint } from '../../src/spec-tools/redocly.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('OpenAPI description', () => {
  it('passes redocly lint with zero errors', async () => {
    const result = await redoclyLint(resolve(ROOT, 'schema/openapi/execution-broker.yaml'));
    const errors = result.findings.filter((f) => f.level === 'error');
    expect(errors.map((f) => `${f.message} at ${f.pointer}`)).toEqual([]);
    expect(result.errors).toBe(0);
  });

  it('reports errors on a broken description (the lint can fail)', async () => {
    const result = await redoclyLint(resolve(ROOT, 'test/openapi/fixtures/broken.yaml'));
    expect(result.errors).toBeGreaterThan(0);
    expect(result.findings.some((f) => f.rule === 'redocly/no-unresolved-refs')).toBe(true);
  });
});
