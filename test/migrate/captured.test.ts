/**
 * Documents captured from the working group's Java broker and its test files (test/fixtures/interop): after
 * `migrate`, every kind is a 1.0 kind, nothing is left unmapped, and the only errors left are what that broker
 * never sends and migrate must not invent (meta.options: EB-UPD-03, EB-LIFE-07).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import { KNOWN_KINDS } from '../../src/validate/known-kinds.js';
import { BROKER_OFFERSET_KIND } from '../../src/validate/generations.js';

const DIR = join(import.meta.dirname, '../fixtures/interop');
const CAPTURED = readdirSync(DIR).filter((f) => f.startsWith('calycopis-'));
const NOT_INVENTED = new Set(['EB-UPD-03', 'EB-LIFE-07']);

function kinds(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => kinds(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'kind' && typeof v === 'string') out.push(v);
      else if (k !== 'messages') kinds(v, out); // message kinds are free-form codes, not component kinds
    }
  }
  return out;
}

describe('migrate on captured upstream documents', () => {
  it('has captured documents to read', () => expect(CAPTURED.length).toBeGreaterThanOrEqual(8));

  for (const file of CAPTURED) {
    it(file, () => {
      const doc = parse(readFileSync(join(DIR, file)), { filename: file });
      const result = migrate(doc.value);
      expect(result.findings).toEqual([]);
      const unknown = kinds(result.value).filter((k) => !(k in KNOWN_KINDS) && k !== BROKER_OFFERSET_KIND);
      expect(unknown).toEqual([]);
      const errors = validate(result.value, { type: result.docType ?? 'request' }).findings.filter(
        (f) => f.level === 'error',
      );
      expect(
        errors.filter((f) => !NOT_INVENTED.has(f.ruleId)).map((f) => `${f.ruleId} ${f.pointer}: ${f.message}`),
      ).toEqual([]);
    });
  }
});
