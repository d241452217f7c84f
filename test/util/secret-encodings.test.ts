import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/client/index.js';

const SECRET = 'p/ä<s>"w&\\d';

describe('a secret is scrubbed in each form a broker may echo it in', () => {
  it.each([
    ['as sent', SECRET],
    ['Base64', Buffer.from(SECRET).toString('base64')],
    ['percent-encoded', encodeURIComponent(SECRET)],
    ['in a JSON string', JSON.stringify(SECRET).slice(1, -1)],
    ["Python's json.dumps (\\u00e4)", 'p/\\u00e4<s>\\"w&\\\\d'],
    ["Jackson's ESCAPE_NON_ASCII (\\u00E4)", 'p/\\u00E4<s>\\"w&\\\\d'],
    ["Go's encoding/json (\\u003c \\u0026)", 'p/ä\\u003cs\\u003e\\"w\\u0026\\\\d'],
    ['with / as \\/', 'p\\/ä<s>\\"w&\\\\d'],
    ['as XML text', 'p/ä&lt;s&gt;&quot;w&amp;\\d'],
    ['as numeric references', 'p/ä&#60;s&#62;&#34;w&#38;\\d'],
  ])('%s', (_how, form) => {
    const text = `before ${form} after`;
    expect(redactSecrets(text, [SECRET])).toBe('before <redacted> after');
  });

  it('leaves text without the secret as it is', () => {
    expect(redactSecrets('p/ä and w&d', [SECRET])).toBe('p/ä and w&d');
  });
});
