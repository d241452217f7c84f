/**
 * Content codings: a body a server compressed (gzip, deflate, br, or several) is read as the document it codes,
 * within the same byte cap as any body, so a small compressed answer cannot expand past it.
 */
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodingFailure, contentCodings, decodeBody } from '../../src/client/content-coding.js';
import { HttpClient } from '../../src/client/index.js';
import { rawServer } from './helpers.js';

const DOC = Buffer.from(JSON.stringify({ result: 'YES', offers: [], note: 'é'.repeat(100) }));
const bytesOf = (b: Uint8Array): string => Buffer.from(b).toString();

describe('decodeBody', () => {
  it('undoes gzip, x-gzip, zlib and raw deflate, and br', () => {
    for (const [coding, coded] of [
      ['gzip', gzipSync(DOC)],
      ['X-GZIP', gzipSync(DOC)],
      ['deflate', deflateSync(DOC)],
      ['deflate', deflateRawSync(DOC)],
      ['br', brotliCompressSync(DOC)],
    ] as const)
      expect(bytesOf(decodeBody(coded, coding, 1 << 20).bytes), coding).toBe(DOC.toString());
  });

  it('undoes several codings last applied first, and takes identity as none', () => {
    const twice = brotliCompressSync(gzipSync(DOC));
    expect(bytesOf(decodeBody(twice, 'gzip, identity, br', 1 << 20).bytes)).toBe(DOC.toString());
    expect(contentCodings(' Identity ')).toEqual([]);
    expect(decodeBody(DOC, undefined, 10).bytes).toBe(DOC);
  });

  it('leaves a coding it does not know as sent, and names it', () => {
    // zstd was applied last, so it is the first to undo: nothing is undone.
    const coded = gzipSync(DOC);
    const out = decodeBody(coded, 'gzip, zstd', 1 << 20);
    expect(out.unknown).toBe('zstd');
    expect(out.bytes).toBe(coded);
    // zstd first, then gzip: the gzip is undone, the zstd left.
    const inner = decodeBody(gzipSync(DOC), 'zstd, gzip', 1 << 20);
    expect(inner).toMatchObject({ unknown: 'zstd' });
    expect(bytesOf(inner.bytes)).toBe(DOC.toString());
  });

  it('stops a body that decodes past the cap (a decompression bomb) and one that is not what it says', () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    let caught: unknown;
    try {
      decodeBody(bomb, 'gzip', 1024 * 1024);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CodingFailure);
    expect((caught as CodingFailure).reason).toBe('too-large');
    expect((caught as CodingFailure).message).toContain('1048576-byte cap');
    expect(() => decodeBody(DOC, 'gzip', 1 << 20)).toThrow(/not valid gzip/);
  });
});

describe('HttpClient reads coded answers', () => {
  let server: Awaited<ReturnType<typeof rawServer>>;
  beforeAll(async () => {
    server = await rawServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const send = (coding: string, body: Buffer): void => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding });
        res.end(body);
      };
      if (path === '/gzip') return send('gzip', gzipSync(DOC));
      if (path === '/bomb') return send('gzip', gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)));
      if (path === '/broken') return send('gzip', DOC);
      res.writeHead(404);
      res.end();
    });
  });
  afterAll(async () => server.close());

  it('parses a gzip body as the document it codes', async () => {
    const client = new HttpClient(server.url);
    const res = await client.request({ method: 'GET', url: `${server.url}/gzip` });
    await client.close();
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.response.parsed?.value).toEqual(JSON.parse(DOC.toString()));
    expect(res.response.bodyText).toBe(DOC.toString());
  });

  it('refuses a bomb as too large and a broken stream as bad coding, naming why', async () => {
    const client = new HttpClient(server.url, { maxBytes: 1024 * 1024 });
    const bomb = await client.request({ method: 'GET', url: `${server.url}/bomb` });
    const broken = await client.request({ method: 'GET', url: `${server.url}/broken` });
    await client.close();
    expect(bomb.ok ? undefined : bomb.failure).toMatchObject({ kind: 'too-large', status: 200 });
    expect(bomb.ok ? '' : bomb.failure.message).toMatch(/gzip-coded body decodes to more than the 1048576-byte cap/);
    expect(broken.ok ? undefined : broken.failure).toMatchObject({ kind: 'bad-coding' });
    expect(broken.ok ? '' : broken.failure.message).toMatch(/not valid gzip/);
  });
});
