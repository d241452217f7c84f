/**
 * The answer's Content-Type is one the request's Accept allows (RFC 9110 §12.5.1), at the broker and the
 * aggregator: `text/*` or `text/xml` gets the text/ name of the format, not application/yaml or
 * application/xml; and Java's default Accept (`*; q=.2, *\/*; q=.2`) is read, not refused with 406. A type the
 * service cannot produce (`application/problem+json`, which a JSON answer is not) and a range whose q is no
 * qvalue get 406 NO_ACCEPTABLE_FORMAT (EB-HTTP-12), never an answer labelled with a type the client did not list.
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

  it.each([
    [
      'application/problem+json',
      /Accept \(application\/problem\+json\) can be produced; use application\/json, application\/yaml/,
    ],
    ['application/vnd.example+json, text/html;q=0.5', /can be produced; use/],
    ['application/json;q=1.5', /q=1\.5 is not a quality value, which is 0 to 1 with at most three decimals/],
    ['application/json;q=0.1234', /q=0\.1234 is not a quality value/],
  ])('Accept: %s gets 406 NO_ACCEPTABLE_FORMAT saying why, not a type it did not list', async (accept, message) => {
    const r = await post(accept);
    expect(r.status).toBe(406);
    // The error document in YAML, the default, since nothing acceptable was named (EB-ERR-01).
    expect(r.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    const doc = parseYaml(await r.text()) as Record<string, unknown>;
    expect(doc).toMatchObject({ status: 406, error: 'NOT_ACCEPTABLE', code: 'NO_ACCEPTABLE_FORMAT' });
    expect(doc.message).toMatch(message);
  });

  it('a range with an invalid q is ignored beside a valid one; a +json range beside application/json is no JSON of its own', async () => {
    const r = await post('application/json;q=1.5, application/xml;q=0.5');
    expect(r.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const json = await post('application/problem+json, application/json;q=0.1');
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it("Java's default Accept gets YAML, not 406; application/yaml stays the label where it is allowed", async () => {
    const r = await post(JAVA_ACCEPT);
    expect(r.status).toBeLessThan(400);
    expect(r.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    const both = await post('application/yaml, text/yaml');
    expect(both.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
  });
});
