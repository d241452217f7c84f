/**
 * What node refuses before any route runs (bytes that are not HTTP, a request line and headers over 16 KiB, a
 * client too slow to send its request) is still answered with the error document, by the broker and the aggregator: in YAML,
 * unless the refused bytes show an Accept naming another format.
 */
import { maxHeaderSize } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/broker/index.js';
import { validate } from '../../src/validate/index.js';
import net from 'node:net';
import { head, parseRaw, rawExchange, type RawReply } from '../interop/raw.js';
import { T0 } from './helpers.js';
import { bothAnswerers } from '../support/both-answerers.js';
import { READ_ON_MAX_BYTES } from '../../src/broker/http/early-refusal.js';

const servers = bothAnswerers({
  clock: new ManualClock(T0),
  timeouts: { headers: 400, request: 800, keepAlive: 500, checkInterval: 100 },
});

/** The reply is a valid error document of `status` with `code`, in YAML, and the connection was closed. */
function expectErrorDocument(r: RawReply, status: number, code: string): Record<string, unknown> {
  expect(r.status, r.body).toBe(status);
  expect(r.headers['content-type']).toBe('application/yaml; charset=utf-8');
  const doc = parseYaml(r.body) as Record<string, unknown>;
  expect(doc).toMatchObject({ status, code });
  expect(validate(doc, { type: 'error' }).findings.filter((f) => f.level === 'error')).toEqual([]);
  expect(r.closed).toBe(true);
  return doc;
}

describe.each(servers.each())('%s: errors node raises before routing', (_name, url) => {
  it('bytes that are not HTTP/1.1: 400 BAD_REQUEST naming the parser error', async () => {
    const r = await rawExchange(url(), ['HELLO WORLD\r\n\r\n']);
    const doc = expectErrorDocument(r, 400, 'BAD_REQUEST');
    expect(doc.error).toBe('BAD_REQUEST');
    expect(doc.message).toMatch(/^The request is not valid HTTP\/1\.1: .+\(HPE_[A-Z_]+\)\.$/);
  });

  it('a POST whose body has no length: its own answer first (no body: EMPTY_BODY), then the bytes refused as the next request, saying why (RFC 9112 §6.3, §9.3.2)', async () => {
    const host = new URL(url()).host;
    const r = await rawExchange(url(), [
      `POST /requests HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n\r\n{"executable":{}}`,
    ]);
    const statuses = [...r.raw.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]);
    expect(statuses, r.raw).toEqual(['400', '400']);
    expect(r.body).toMatch(/code: EMPTY_BODY/);
    const second = r.raw.slice(r.raw.lastIndexOf('HTTP/1.1 '));
    expect(second).toMatch(/code: BAD_REQUEST/);
    expect(second).toMatch(
      /came after a request with a Content-Type but neither a Content-Length nor chunked Transfer-Encoding/,
    );
    expect(r.closed).toBe(true);
  });

  it('pipelined requests whose second has an unknown method: the first answered, then 501 for the second', async () => {
    const host = new URL(url()).host;
    const r = await rawExchange(url(), [
      `GET /availability HTTP/1.1\r\nHost: ${host}\r\n\r\nBREW /pot HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
    ]);
    const statuses = [...r.raw.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]);
    expect(statuses, r.raw).toEqual(['200', '501']);
  });

  it('OPTIONS * (the server as a whole, RFC 9110 §9.3.7): 204 with the methods it answers, not 404', async () => {
    const host = new URL(url()).host;
    const r = await rawExchange(url(), [`OPTIONS * HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`]);
    expect(r.status, r.raw).toBe(204);
    expect(r.headers['allow']).toBe('GET, HEAD, POST, OPTIONS');
  });

  it('CONNECT: 501 NOT_IMPLEMENTED as the error document, in the format Accept names, not a dropped connection', async () => {
    const r = await rawExchange(url(), [
      'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\nAccept: application/json\r\n\r\n',
    ]);
    expect(r.status, r.raw).toBe(501);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const doc = JSON.parse(r.body) as Record<string, unknown>;
    expect(doc).toMatchObject({ status: 501, code: 'NOT_IMPLEMENTED' });
    expect(doc.message).toMatch(/^CONNECT/);
    expect(validate(doc, { type: 'error' }).findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('a Content-Length that is not a number: 400 BAD_REQUEST', async () => {
    const host = new URL(url()).host;
    const r = await rawExchange(url(), [head('POST', '/requests', host, [['Content-Length', 'five']])]);
    expectErrorDocument(r, 400, 'BAD_REQUEST');
  });

  it('an HTTP/1.1 request without Host: 400 BAD_REQUEST as the error document, not an empty 400 (RFC 9112 §3.2)', async () => {
    const r = await rawExchange(url(), [
      'GET /availability HTTP/1.1\r\nAccept: application/json\r\nConnection: close\r\n\r\n',
    ]);
    expect(r.status, r.body).toBe(400);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const doc = JSON.parse(r.body) as Record<string, unknown>;
    expect(doc).toMatchObject({ status: 400, error: 'BAD_REQUEST', code: 'BAD_REQUEST' });
    expect(doc.message).toMatch(/Host header/);
    expect(validate(doc, { type: 'error' }).findings.filter((f) => f.level === 'error')).toEqual([]);
    // HTTP/1.0 has no Host requirement.
    const old = await rawExchange(url(), ['GET /availability HTTP/1.0\r\n\r\n']);
    expect(old.status, old.body).toBe(200);
  });

  it('a 20 kB URL: 414 URI_TOO_LONG; a 20 kB header: 431 HEADERS_TOO_LARGE, general code REQUEST_HEADER_FIELDS_TOO_LARGE', async () => {
    const host = new URL(url()).host;
    const long = await rawExchange(url(), [head('GET', `/offersets/${'a'.repeat(20_000)}`, host, [])]);
    expect(expectErrorDocument(long, 414, 'URI_TOO_LONG').error).toBe('URI_TOO_LONG');
    const query = await rawExchange(url(), [head('GET', `/availability?q=${'a'.repeat(20_000)}`, host, [])]);
    expectErrorDocument(query, 414, 'URI_TOO_LONG');
    const header = await rawExchange(url(), [head('GET', '/availability', host, [['X-Big', 'b'.repeat(20_000)]])]);
    expect(expectErrorDocument(header, 431, 'HEADERS_TOO_LARGE').error).toBe('REQUEST_HEADER_FIELDS_TOO_LARGE');
  });

  it('the 414 states the limit enforced: the request line and headers share 16 KiB, and a 16 300-character path is read', async () => {
    const host = new URL(url()).host;
    const path = (n: number) => `/offersets/${'a'.repeat(n - '/offersets/'.length)}`;
    // Under the shared limit a URL far over 8 KiB is routed (an unknown offer set), so no 8 KiB limit exists.
    const read = await rawExchange(url(), [head('GET', path(16_300), host, [['Connection', 'close']])]);
    expect(read.status, read.body).toBe(404);
    const doc = expectErrorDocument(
      await rawExchange(url(), [head('GET', path(16_400), host, [])]),
      414,
      'URI_TOO_LONG',
    );
    expect(doc.message).toBe(
      `The request URL is too long: the request line and headers together exceed the limit of ${maxHeaderSize / 1024} KiB (${maxHeaderSize} bytes).`,
    );
    const header = await rawExchange(url(), [head('GET', '/availability', host, [['X-Big', 'b'.repeat(20_000)]])]);
    expect(expectErrorDocument(header, 431, 'HEADERS_TOO_LARGE').message).toContain(`${maxHeaderSize} bytes`);
  });

  it('a method HTTP parsers do not know (FOO, lower-case get): 501 NOT_IMPLEMENTED (RFC 9110 §9.1)', async () => {
    const host = new URL(url()).host;
    for (const method of ['FOO', 'get']) {
      const r = await rawExchange(url(), [head(method, '/requests', host, [])]);
      expect(expectErrorDocument(r, 501, 'NOT_IMPLEMENTED').error).toBe('NOT_IMPLEMENTED');
    }
  });

  it("its answer is in the format the request's own Accept names (the request is well formed but for its method)", async () => {
    const host = new URL(url()).host;
    const r = await rawExchange(url(), [head('FOO', '/requests', host, [['Accept', 'application/json']])]);
    expect(r.status).toBe(501);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['vary']).toBe('Accept');
    expect(JSON.parse(r.body)).toMatchObject({ status: 501, code: 'NOT_IMPLEMENTED' });
  });

  it('two Host headers: 400 BAD_REQUEST (RFC 9112 §3.2)', async () => {
    const host = new URL(url()).host;
    const r = await rawExchange(url(), [
      head('GET', '/availability', host, [
        ['Host', 'other.example'],
        ['Connection', 'close'],
      ]),
    ]);
    expect(r.status, r.body).toBe(400);
    const doc = parseYaml(r.body) as Record<string, unknown>;
    expect(doc).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(String(doc.message)).toMatch(/more than one Host header/);
  });

  it('two Content-Type headers that differ: 400 BAD_REQUEST; the same one twice is read (RFC 9110 §5.3)', async () => {
    const host = new URL(url()).host;
    const body = '{"executable": {}}';
    const send = (types: string[]) =>
      rawExchange(url(), [
        head('POST', '/requests', host, [
          ...types.map((t): [string, string] => ['Content-Type', t]),
          ['Content-Length', String(body.length)],
          ['Connection', 'close'],
        ]) + body,
      ]);
    const differ = await send(['application/json', 'application/xml']);
    expect(differ.status, differ.body).toBe(400);
    expect(String((parseYaml(differ.body) as Record<string, unknown>).message)).toMatch(
      /two Content-Type headers that differ/,
    );
    const same = await send(['application/json', 'Application/JSON']);
    // Read as JSON: refused for what the document lacks, not for its headers.
    expect(same.status, same.body).toBe(422);
  });

  it('a transfer coding other than chunked: 501 NOT_IMPLEMENTED, the connection closed; chunked alone is read (RFC 9112 §6.1)', async () => {
    const host = new URL(url()).host;
    const body = '{"executable": {}}';
    const chunked = `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const send = (coding: string) =>
      rawExchange(url(), [
        head('POST', '/requests', host, [
          ['Content-Type', 'application/json'],
          ['Transfer-Encoding', coding],
        ]) + chunked,
      ]);
    for (const coding of ['gzip, chunked', 'x-evil, chunked']) {
      const doc = expectErrorDocument(await send(coding), 501, 'NOT_IMPLEMENTED');
      expect(String(doc.message)).toContain(`the transfer coding "${coding.split(',')[0]}"`);
    }
    // Read, and refused for what the document lacks, not for its framing.
    const plain = await send('chunked');
    expect(plain.status, plain.body).toBe(422);
  });

  it('Expect: 100-continue with a declared body over the limit: 413 BODY_TOO_LARGE at once, no 100 Continue first', async () => {
    const host = new URL(url()).host;
    const headers: Array<[string, string]> = [
      ['Content-Type', 'application/json'],
      ['Content-Length', '20000000'],
      ['Expect', '100-continue'],
      ['Connection', 'close'],
    ];
    const r = await rawExchange(url(), [head('POST', '/requests', host, headers)]);
    expect(r.statusLines.map((l) => l.split(' ')[1])).toEqual(['413']);
    expect((parseYaml(r.body) as Record<string, unknown>).code).toBe('BODY_TOO_LARGE');
    // Within the limit, the 100 still comes.
    const small = await rawExchange(url(), [
      head('POST', '/requests', host, [
        ['Content-Type', 'application/json'],
        ['Content-Length', '2'],
        ['Expect', '100-continue'],
        ['Connection', 'close'],
      ]),
      'await-100',
      '{}',
    ]);
    expect(small.statusLines[0]).toMatch(/^HTTP\/1\.1 100 /);
  });

  it('a declared body over the limit: 413, and the connection reads the body on instead of resetting it (RFC 9112 §9.6)', async () => {
    const host = new URL(url()).host;
    const size = 2 * 1024 * 1024;
    const r = await rawExchange(
      url(),
      [
        head('POST', '/requests', host, [
          ['Content-Type', 'application/yaml'],
          ['Content-Length', String(size)],
        ]),
        Buffer.alloc(size, 0x78),
      ],
      1500,
    );
    expect(r.status).toBe(413);
    // Not "Connection: close", which had node close on a body still arriving (a reset the client saw first).
    expect(r.headers['connection']).not.toBe('close');
    expect(r.closed).toBe(false);
  });

  it('an Expect other than 100-continue is ignored (RFC 9110 §10.1.1), not an empty 417', async () => {
    const host = new URL(url()).host;
    const r = await rawExchange(url(), [
      head('GET', '/availability', host, [
        ['Expect', 'foo'],
        ['Connection', 'close'],
      ]),
    ]);
    expect(r.status, r.body).toBe(200);
    expect(r.body).toMatch(/availability/);
  });
});

/** With the default timeouts: the request timeout (30 s) no longer ends a refused body before the bound does. */
const defaultTimeouts = bothAnswerers({ db: ':memory:' });

describe.each(defaultTimeouts.each())('%s: a refused body read on', (_name, url) => {
  it('a declared body of 1 GiB: 413, and the connection closed under the rest once READ_ON_MAX_BYTES were read', async () => {
    const u = new URL(url());
    const piece = Buffer.alloc(1024 * 1024, 0x78);
    // 128 MiB past the bound: far more than loopback's socket buffers hold (36 MiB at most here), so only a server
    // still reading takes it all.
    const count = READ_ON_MAX_BYTES / piece.length + 128;
    const socket = net.connect(Number(u.port), u.hostname);
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    // Each piece written once the one before was taken; the count taken when the connection ended.
    const taken = await new Promise<number>((resolve) => {
      let n = 0;
      let ended = false;
      const end = (): void => {
        if (!ended) resolve(n);
        ended = true;
      };
      socket.on('error', end);
      socket.on('close', end);
      const next = (): void => {
        if (!ended && n < count) socket.write(piece, (err) => (err ? end() : (n++, next())));
      };
      const declared = [
        ['Content-Type', 'application/yaml'],
        ['Content-Length', String(1024 ** 3)],
      ] as Array<[string, string]>;
      socket.write(head('POST', '/requests', u.host, declared), next);
    });
    expect(parseRaw(Buffer.concat(received), true).status).toBe(413);
    // Before, it took every piece, and closed only once the sender had been idle for its keep-alive timeout.
    expect(taken).toBeLessThan(count);
  });
});

describe('broker: a client too slow to send its headers', () => {
  it('gets 408 REQUEST_TIMEOUT as the error document, then the connection closes', async () => {
    const host = new URL(servers.broker().url).host;
    // The request line and one header, then nothing: the headers timeout (400 ms here) ends it.
    const r = await rawExchange(servers.broker().url, [`GET /availability HTTP/1.1\r\nHost: ${host}\r\n`], 8000);
    const doc = expectErrorDocument(r, 408, 'REQUEST_TIMEOUT');
    expect(doc.error).toBe('REQUEST_TIMEOUT');
  });
});
