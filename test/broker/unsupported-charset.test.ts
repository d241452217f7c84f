/**
 * A body in a charset no decoder reads is a media type the server does not support: 415 UNSUPPORTED_CONTENT_TYPE
 * saying to send UTF-8 (RFC 9110 §15.5.16), at the broker and the aggregator. It was a 400 "not well-formed JSON",
 * the reason buried in its messages. A charset that is read, with bytes that are not in it, stays a 400.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bothAnswerers, postRequest } from '../support/both-answerers.js';

const REQUEST = readFileSync(join(import.meta.dirname, '../../spec/examples/valid/request-notebook-simple.yaml'));
const servers = bothAnswerers();

const post = postRequest;

describe.each(servers.each())('%s', (_name, url) => {
  it.each(['klingon', 'utf-32', 'x-unknown-7'])('charset=%s is answered 415 saying to send UTF-8', async (charset) => {
    const res = await post(url(), `application/yaml; charset=${charset}`, REQUEST);
    expect(res.status).toBe(415);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({ status: 415, error: 'UNSUPPORTED_MEDIA_TYPE', code: 'UNSUPPORTED_CONTENT_TYPE' });
    expect(doc.message).toBe(`The body's charset ${charset} cannot be read here; send the body as UTF-8.`);
  });

  it('a charset named by an XML declaration is named too (the Content-Type has none)', async () => {
    const xml = '<?xml version="1.0" encoding="x-ebcdic-nowhere"?><offers-request/>';
    const res = await post(url(), 'application/xml', new TextEncoder().encode(xml));
    expect(res.status).toBe(415);
    expect(((await res.json()) as Record<string, unknown>).message).toBe(
      "The body's charset x-ebcdic-nowhere cannot be read here; send the body as UTF-8.",
    );
  });

  it('a charset that is read, with bytes outside it, is still a malformed body (400)', async () => {
    const res = await post(url(), 'application/json; charset=utf-16le', new Uint8Array([0x7b, 0x00, 0x00, 0xd8]));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Record<string, unknown>).code).toBe('MALFORMED_BODY');
  });

  it('UTF-8 declared is read', async () => {
    const res = await post(url(), 'application/yaml; charset=utf-8', REQUEST);
    expect(res.status).toBe(303);
  });
});
