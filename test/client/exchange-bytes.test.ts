/** exchangeBytes: one exchange through an undici dispatcher, gathered as bytes, as HttpClient's hop relies on. */
import { EventEmitter } from 'node:events';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeBytes, flattenHeaders } from '../../src/client/exchange-bytes.js';
import { rawServer } from './helpers.js';

class Signal extends EventEmitter {
  aborted = false;
  reason: unknown;
  abort(reason: unknown): void {
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

let server: Awaited<ReturnType<typeof rawServer>>;
let base: string;
const agent = new Agent();

beforeAll(async () => {
  server = await rawServer((req, res) => {
    switch (new URL(req.url ?? '/', 'http://x').pathname) {
      case '/chunks':
        // Several body chunks and a repeated header: both must come back whole.
        res.writeHead(200, [
          ['X-Twice', 'a'],
          ['X-Twice', 'b'],
          ['Content-Type', 'text/plain'],
        ]);
        for (let i = 0; i < 8; i++) res.write(Buffer.alloc(5000, 0x30 + i));
        return res.end();
      case '/hints':
        res.writeEarlyHints({ link: '</x>; rel=preload' });
        res.writeHead(201, { 'content-type': 'text/plain' });
        return res.end('made');
      case '/echo': {
        const body: Buffer[] = [];
        req.on('data', (c: Buffer) => body.push(c));
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'text/plain', 'x-method': req.method ?? '' });
          res.end(`${req.url} ${Buffer.concat(body).toString()}`);
        });
        return;
      }
      case '/stall':
        return;
      default:
        res.writeHead(404);
        return res.end();
    }
  });
  base = server.url;
});
afterAll(async () => {
  await agent.close();
  await server.close();
});

const get = (path: string, extra: Partial<Parameters<typeof exchangeBytes>[1]> = {}) =>
  exchangeBytes(agent, {
    method: 'GET',
    url: `${base}${path}`,
    headers: {},
    body: undefined,
    signal: new Signal(),
    ...extra,
  });

describe('exchangeBytes', () => {
  it('gathers every chunk of the body and joins repeated headers', async () => {
    const a = await get('/chunks');
    expect(a.status).toBe(200);
    expect(a.headers['x-twice']).toBe('a, b');
    expect(a.bytes.byteLength).toBe(40_000);
    expect(Buffer.from(a.bytes).toString('latin1')).toBe(
      Array.from({ length: 8 }, (_, i) => String(i).repeat(5000)).join(''),
    );
  });

  it('skips an interim 1xx answer and reports the final one', async () => {
    const a = await get('/hints');
    expect(a.status).toBe(201);
    expect(a.headers.link).toBeUndefined();
    expect(Buffer.from(a.bytes).toString()).toBe('made');
  });

  it('sends the method, path with query and body', async () => {
    const a = await exchangeBytes(agent, {
      method: 'POST',
      url: `${base}/echo?x=1#frag`,
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
      signal: new Signal(),
    });
    expect(a.headers['x-method']).toBe('POST');
    expect(Buffer.from(a.bytes).toString()).toBe('/echo?x=1 hello');
  });

  it("rejects with check's error once the headers are in", async () => {
    const refused = new Error('no thanks');
    await expect(get('/chunks', { check: (status) => (status === 200 ? refused : undefined) })).rejects.toBe(refused);
  });

  it('rejects with the reason of an abort, before or during the exchange', async () => {
    const early = new Signal();
    const before = new Error('before');
    early.abort(before);
    await expect(get('/stall', { signal: early })).rejects.toBe(before);
    const late = new Signal();
    const during = new Error('during');
    const pending = get('/stall', { signal: late });
    setImmediate(() => late.abort(during));
    await expect(pending).rejects.toBe(during);
    expect(late.listenerCount('abort')).toBe(0);
  });

  it('rejects an unparseable URL', async () => {
    await expect(
      exchangeBytes(agent, { method: 'GET', url: 'not a url', headers: {}, body: undefined, signal: new Signal() }),
    ).rejects.toThrow();
  });
});

describe('flattenHeaders', () => {
  it('lower-cases names, joins lists and leaves out undefined values', () => {
    expect(flattenHeaders({ 'X-A': 'one', 'set-cookie': ['a=1', 'b=2'], gone: undefined })).toEqual({
      'x-a': 'one',
      'set-cookie': 'a=1, b=2',
    });
  });
});
