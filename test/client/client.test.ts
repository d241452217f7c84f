import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, curlCommand, originOf } from '../../src/client/index.js';
import { rawServer } from './helpers.js';

let server: Awaited<ReturnType<typeof rawServer>>;
let base: string;

beforeAll(async () => {
  server = await rawServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    switch (u.pathname) {
      case '/json':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"result":"YES"}');
      case '/stall':
        return;
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(Buffer.alloc(64 * 1024, 0x41));
      case '/big-chunked': {
        // No Content-Length: only counting the bytes as they stream can stop this body.
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 16; i++) res.write(Buffer.alloc(4096, 0x41));
        return res.end();
      }
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      case '/away':
        res.writeHead(303, { location: 'http://example.invalid/x' });
        return res.end();
      case '/see-other':
        res.writeHead(303, { location: '/json' });
        return res.end();
      case '/reset':
        return req.socket.destroy();
      case '/liar':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('<not-json/>');
      default:
        res.writeHead(404);
        return res.end();
    }
  });
  base = server.url;
});
afterAll(async () => {
  await server.close();
});

describe('HttpClient', () => {
  it('returns status, headers, parsed body and evidence', async () => {
    const c = new HttpClient(base);
    const r = await c.request({ method: 'GET', url: `${base}/json`, headers: { accept: 'application/json' } });
    await c.close();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.response.status).toBe(200);
    expect(r.response.parsed?.value).toEqual({ result: 'YES' });
    expect(r.evidence.status).toBe(200);
    expect(r.evidence.curl).toContain(`'${base}/json'`);
  });

  it('turns a stall into a timeout failure', async () => {
    const c = new HttpClient(base, { timeoutMs: 300 });
    const r = await c.request({ method: 'GET', url: `${base}/stall` });
    await c.close();
    expect(r.ok ? 'ok' : r.failure.kind).toBe('timeout');
  });

  it('stops reading past the size cap', async () => {
    const c = new HttpClient(base, { maxBytes: 1024 });
    const r = await c.request({ method: 'GET', url: `${base}/big` });
    await c.close();
    expect(r.ok ? 'ok' : r.failure.kind).toBe('too-large');
  });

  it('stops a streamed body without Content-Length at the size cap', async () => {
    const small = new HttpClient(base, { maxBytes: 1024 });
    const large = new HttpClient(base, { maxBytes: 64 * 1024 });
    const r = await small.request({ method: 'GET', url: `${base}/big-chunked` });
    const under = await large.request({ method: 'GET', url: `${base}/big-chunked` });
    await Promise.all([small.close(), large.close()]);
    expect(r.ok ? 'ok' : r.failure).toMatchObject({ kind: 'too-large', message: 'body exceeds the 1024-byte cap' });
    expect(under.ok ? under.response.bodyText.length : under.failure.kind).toBe(64 * 1024);
  });

  it('keeps only brief evidence when evidence is turned off', async () => {
    const c = new HttpClient(base, { evidence: false });
    const r = await c.request({
      method: 'POST',
      url: `${base}/json`,
      headers: { authorization: 'Bearer s3cret' },
      body: '{}',
    });
    await c.close();
    expect(r.ok && r.response.parsed?.value).toEqual({ result: 'YES' });
    expect(r.evidence).toMatchObject({ brief: true, status: 200, request: { method: 'POST', headers: {} } });
    expect(JSON.stringify(r.evidence)).not.toContain('s3cret');
    expect(r.evidence.bodyExcerpt).toBeUndefined();
  });

  it('limits redirects and refuses other origins', async () => {
    const c = new HttpClient(base, { maxRedirects: 3 });
    const loop = await c.request({ method: 'GET', url: `${base}/loop`, followRedirects: true });
    const away = await c.request({ method: 'GET', url: `${base}/away`, followRedirects: true });
    const direct = await c.request({ method: 'GET', url: 'http://example.invalid/' });
    const ok = await c.request({ method: 'POST', url: `${base}/see-other`, body: 'x', followRedirects: true });
    await c.close();
    expect(loop.ok ? 'ok' : loop.failure.kind).toBe('redirect-limit');
    expect(away.ok ? 'ok' : away.failure.kind).toBe('origin-refused');
    expect(direct.ok ? 'ok' : direct.failure.kind).toBe('origin-refused');
    expect(ok.ok && ok.response.status).toBe(200);
    expect(ok.ok && ok.response.redirects).toEqual([`${base}/json`]);
  });

  it('allows an origin named in allowedOrigins', () => {
    const c = new HttpClient(base, { allowedOrigins: ['https://other.example.org'] });
    expect(c.isAllowed('https://other.example.org/sessions/1')).toBe(true);
    expect(c.isAllowed('https://third.example.org/')).toBe(false);
    void c.close();
  });

  it('takes the loopback names of one scheme and port as one origin only when asked (loopbackAliases)', () => {
    const strict = new HttpClient('http://localhost:8080');
    const loose = new HttpClient('http://localhost:8080', {
      loopbackAliases: true,
      allowedOrigins: ['https://other.example.org'],
    });
    for (const url of ['http://127.0.0.1:8080/sessions/1', 'http://[::1]:8080/x', 'http://LOCALHOST:8080/y']) {
      expect([url, strict.isAllowed(url)]).toEqual([url, url.includes('LOCALHOST')]);
      expect([url, loose.isAllowed(url)]).toEqual([url, true]);
    }
    for (const url of [
      'http://127.0.0.1:8081/', // another port
      'https://127.0.0.1:8080/', // another scheme
      'http://127.0.0.2:8080/', // another loopback address: another host
      'http://localhost.example.org:8080/',
      'https://localhost/', // https on its default port: neither the scheme nor the port
    ])
      expect([url, loose.isAllowed(url)]).toEqual([url, false]);
    expect(loose.isAllowed('https://other.example.org/')).toBe(true);
    void strict.close();
    void loose.close();
  });

  it('answers as the parsed origin does for URLs that begin like an allowed one', () => {
    const c = new HttpClient('http://127.0.0.1:4000', { allowedOrigins: ['https://[::1]:8443', 'file:///x'] });
    const allowed = new Set(['http://127.0.0.1:4000', 'https://[::1]:8443', 'null']);
    const byParse = (url: string): boolean => allowed.has(originOf(url) ?? '');
    const tricky = [
      'http://127.0.0.1:4000/sessions/1',
      'http://127.0.0.1:4000@evil.example/',
      'http://127.0.0.1:4000.evil.example/',
      'http://127.0.0.1:40000/',
      'http://127.0.0.1:4000\\@evil.example/',
      'HTTP://127.0.0.1:4000/x',
      ' http://127.0.0.1:4000/x',
      'http://127.0.0.1:4000/@evil.example',
      'http://127.0.0.1:4000//evil.example/',
      'https://[::1]:8443/x',
      'https://[::1]:8443@evil.example/',
      'null/x',
      'file:///x',
    ];
    for (const url of tricky) expect([url, c.isAllowed(url)]).toEqual([url, byParse(url) && url !== 'null/x']);
    fc.assert(
      fc.property(
        fc.constantFrom('http://127.0.0.1:4000', 'https://[::1]:8443', 'http://127.0.0.1:400'),
        fc.string({ unit: fc.constantFrom('/', '@', ':', '\\', '?', '#', '.', 'a', '0', ' ', '\t', '%') }),
        (head, tail) => c.isAllowed(head + tail) === byParse(head + tail),
      ),
    );
    void c.close();
  });

  it('reports resets and refused connections as failures', async () => {
    const c = new HttpClient(base);
    const reset = await c.request({ method: 'GET', url: `${base}/reset` });
    await c.close();
    expect(reset.ok ? 'ok' : reset.failure.kind).toBe('reset');
    const dead = new HttpClient('http://127.0.0.1:1');
    const refused = await dead.request({ method: 'GET', url: 'http://127.0.0.1:1/' });
    await dead.close();
    expect(refused.ok ? 'ok' : refused.failure.kind).toBe('refused');
  });

  it('keeps a body that is not what its Content-Type claims as parse findings, not a throw', async () => {
    const c = new HttpClient(base);
    const r = await c.request({ method: 'GET', url: `${base}/liar` });
    await c.close();
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.response.parsed?.findings.length).toBeGreaterThan(0);
  });

  it('redacts credentials and quotes shell metacharacters in curl', () => {
    const cmd = curlCommand(
      'POST',
      "http://h/x'y",
      { authorization: 'Bearer secret', 'content-type': 'application/json' },
      "it's",
    );
    expect(cmd).not.toContain('secret');
    expect(cmd).toContain(`'http://h/x'\\''y'`);
    expect(cmd).toContain(`--data-binary 'it'\\''s'`);
  });
});
