/**
 * The answer's Content-Type is one the request's Accept allows (RFC 9110 §12.5.1), at the broker and the
 * aggregator: `text/*` or `text/xml` gets the text/ name of the format, not application/yaml or
 * application/xml; and Java's default Accept (`*; q=.2, *\/*; q=.2`) is read, not refused with 406.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatFromContentType } from '../../src/serialize/index.js';
import { bothAnswerers } from '../support/both-answerers.js';

const REQUEST = readFileSync(join(import.meta.dirname, '../../spec/examples/valid/request-notebook-simple.yaml'));
const JAVA_ACCEPT = 'text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2';

const servers = bothAnswerers();

describe.each(servers.each())('%s', (_name, url) => {
  const post = (accept: string) =>
    fetch(`${url()}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', accept },
      body: REQUEST,
      redirect: 'manual',
    });

  it('Accept: text/* gets the offer set as text/yaml, which reads as YAML', async () => {
    const r = await post('text/*');
    expect(r.status).toBeLessThan(400);
    const type = r.headers.get('content-type') ?? '';
    expect(type).toBe('text/yaml; charset=utf-8');
    expect(formatFromContentType(type)).toBe('yaml');
    expect(parseYaml(await r.text())).toHaveProperty('result');
  });

  it('Accept: text/xml gets text/xml, for a document and for VOSI capabilities', async () => {
    const r = await post('text/xml');
    expect(r.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(await r.text()).toMatch(/^<\?xml|^</);
    const caps = await fetch(`${url()}/capabilities`, { headers: { accept: 'text/xml' } });
    expect(caps.status).toBe(200);
    expect(caps.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const plain = await fetch(`${url()}/capabilities`);
    expect(plain.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  });

  it("Java's default Accept gets YAML, not 406; application/yaml stays the label where it is allowed", async () => {
    const r = await post(JAVA_ACCEPT);
    expect(r.status).toBeLessThan(400);
    expect(r.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    const both = await post('application/yaml, text/yaml');
    expect(both.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
  });
});
