import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/aggregator/redact.js';

describe('Redactor.value', () => {
  it('scrubs string values only: a secret that is also a key (meta) or a JSON literal (true) leaves the shape whole', () => {
    const doc = { meta: { uuid: 'u-1', name: 'my meta tag' }, ok: true, note: 'it is true' };
    expect(new Redactor(['meta', 'true']).value(doc)).toEqual({
      meta: { uuid: 'u-1', name: 'my <redacted> tag' },
      ok: true,
      note: 'it is <redacted>',
    });
  });

  it('finds a secret holding a quote or a backslash, which its JSON text escapes', () => {
    const secret = 'pa"ss\\word';
    expect(new Redactor([secret]).value({ message: `echo ${secret}`, list: [secret] })).toEqual({
      message: 'echo <redacted>',
      list: ['<redacted>'],
    });
  });

  it('leaves a document whole for a secret too short to tell from its text (a gateway credential "ab")', () => {
    const doc = { kind: 'https://example.org/kinds/abc.yaml', meta: { name: 'lab' } };
    expect(new Redactor(['ab']).value(doc)).toEqual(doc);
    expect(new Redactor(['ab']).active).toBe(false);
  });

  it('returns the value itself when no secret is configured', () => {
    const doc = { a: 'b' };
    expect(new Redactor([]).value(doc)).toBe(doc);
  });
});
