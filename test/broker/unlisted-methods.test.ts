/**
 * Methods the router is not told of (TRACE, PROPFIND, a made-up one) on a known path get 405 with Allow, as the
 * listed ones do (EB-ERR-09, EB-VOSI-05): they used to be answered 404 UNKNOWN_PATH, as if the path were unknown.
 * node:http, since fetch refuses to send TRACE.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ENDPOINT_METHODS } from '../../src/model/index.js';
import { bothAnswerers } from '../support/both-answerers.js';

function send(base: string, method: string, path: string): Promise<{ status: number; allow?: string; body: string }> {
  return new Promise((done, fail) => {
    const req = request(`${base}${path}`, { method, headers: { accept: 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

const servers = bothAnswerers();

const UUID = '0190f0a4-3c4e-7c9a-8d2e-3f4a5b6c7d8e';

describe.each(servers.each(['the reference broker', 'the aggregator']))('%s', (_name, base) => {
  it.each([
    ['TRACE', '/availability', '/availability'],
    ['PROPFIND', '/requests', '/requests'],
    ['TRACE', `/sessions/${UUID}`, '/sessions/:uuid'],
    ['MKCOL', `/offersets/${UUID}`, '/offersets/:uuid'],
    ['TRACE', '/capabilities?x=1', '/capabilities'],
  ])('%s %s: 405 METHOD_NOT_ALLOWED with Allow', async (method, path, endpoint) => {
    const r = await send(base(), method, path);
    expect(r.status, r.body).toBe(405);
    expect(r.allow).toBe(ENDPOINT_METHODS[endpoint]?.join(', '));
    expect(JSON.parse(r.body)).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
  });

  it('an unknown path stays 404 UNKNOWN_PATH, whatever the method', async () => {
    for (const method of ['TRACE', 'GET']) {
      const r = await send(base(), method, '/nowhere');
      expect(r.status).toBe(404);
      expect(JSON.parse(r.body)).toMatchObject({ code: 'UNKNOWN_PATH' });
    }
  });
});
