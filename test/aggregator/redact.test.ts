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

  it('returns the value itself when no secret is configured', () => {
    const doc = { a: 'b' };
    expect(new Redactor([]).value(doc)).toBe(doc);
  });
});
