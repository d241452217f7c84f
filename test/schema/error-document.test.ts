import { describe, expect, it } from 'vitest';
import { DOCUMENT_VALIDATORS, schemaErrors } from '../../src/validate/schema-validators.js';

const validate = (doc: unknown) => schemaErrors(DOCUMENT_VALIDATORS.error, doc).map((e) => `${e.instancePath} ${e.keyword}`).sort();

describe('error document (ARCHITECTURE.md)', () => {
  const ok = {
    status: 422,
    error: 'UNPROCESSABLE_CONTENT',
    code: 'INVALID_DOCUMENT',
    message: 'The request is not a valid execution request.',
    path: '/requests',
    messages: [{ kind: 'urn:ebkit:finding:EB-KIND-01', level: 'ERROR', values: { pointer: '/executable', line: '3', column: '5' } }],
  };

  it('a complete error document is valid', () => expect(validate(ok)).toEqual([]));

  it('status, error, code and message are required', () => {
    expect(validate({})).toEqual([' required', ' required', ' required', ' required']);
  });

  it('a general code goes with its status', () => {
    expect(validate({ ...ok, status: 400 })).toEqual(['/status const']);
  });

  it('a known specific code goes with its general code', () => {
    expect(validate({ ...ok, error: 'BAD_REQUEST', status: 400 })).toEqual(['/error const']);
  });

  it('specific codes are extensible in the same style', () => {
    expect(validate({ ...ok, code: 'QUOTA_EXCEEDED' })).toEqual([]);
    expect(validate({ ...ok, code: 'quota exceeded' })).toEqual(['/code pattern']);
  });

  it('status must be a 4xx or 5xx integer and error a known general code', () => {
    expect(validate({ ...ok, status: 200, error: 'OK', code: 'X' })).toEqual(['/error enum', '/status minimum']);
  });

  it('message values are strings', () => {
    expect(validate({ ...ok, messages: [{ values: { line: 3 } }] })).toEqual(['/messages/0/values/line type']);
  });
});
