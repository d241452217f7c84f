import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentType } from '../../src/findings.js';
import { DOCUMENT_VALIDATORS, schemaErrors } from '../../src/validate/schema-validators.js';
import { REFERENCE_EXAMPLES, check, referenceExample } from './helpers.js';

const FAMILY_OF: Record<DocumentType, string> = {
  request: 'request',
  offerset: 'offerset',
  session: 'sessions',
  update: 'updates',
  error: 'errors',
};

const EXAMPLES: Array<[string, DocumentType]> = [
  ['execution-request.yaml', 'request'],
  ['offerset-no.yaml', 'offerset'],
  ['offerset-yes-two-offers.yaml', 'offerset'],
  ['session-accepted.yaml', 'session'],
];

describe('reference examples', () => {
  it('covers every example in the reference folder', () => {
    expect(EXAMPLES.map(([f]) => f).sort()).toEqual(readdirSync(REFERENCE_EXAMPLES).filter((f) => f.endsWith('.yaml')).sort());
  });

  it.each(EXAMPLES)('%s is valid against the %s root schema (runtime ajv)', (file, type) => {
    expect(check(FAMILY_OF[type], referenceExample(file))).toEqual([]);
  });

  it.each(EXAMPLES)('%s is valid against the precompiled %s validator', (file, type) => {
    expect(schemaErrors(DOCUMENT_VALIDATORS[type], referenceExample(file))).toEqual([]);
  });

  it.each(EXAMPLES)('%s is rejected by the validators of the other document types', (file, type) => {
    const doc = referenceExample(file);
    // A request has no required member, so only the types with required members can tell it apart.
    for (const other of ['session', 'update', 'error'] as const) {
      if (other === type) continue;
      expect(DOCUMENT_VALIDATORS[other](doc)).toBe(false);
    }
  });

  it('a broken copy of the request is reported where it breaks', () => {
    const doc = structuredClone(referenceExample('execution-request.yaml')) as {
      compute: { cores: { min: number } };
      schedule: { requested: { start: string } };
    };
    doc.compute.cores.min = -1;
    doc.schedule.requested.start = 'PT2H/2026-08-14T11:00:00Z';
    const errors = schemaErrors(DOCUMENT_VALIDATORS.request, doc);
    expect(errors.map((e) => [e.instancePath, e.keyword]).sort()).toEqual([
      ['/compute/cores/min', 'minimum'],
      ['/schedule/requested/start', 'pattern'],
    ]);
  });
});
