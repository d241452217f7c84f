import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EXAMPLE_REQUEST,
  EXAMPLE_REQUEST_TEXT,
  MEDIA,
  errorsOf,
  http,
  offersOf,
  start,
  submit,
  urlOf,
  type Obj,
} from './helpers.js';
import type { RunningBroker } from '../../src/broker/index.js';

let b: RunningBroker;
let sessionPath: string;
beforeAll(async () => {
  b = await start({ config: { bodyLimit: 64 * 1024, cores: 100_000, memory: 100_000 } });
  sessionPath = new URL(urlOf(offersOf(await submit(b))[0]!)).pathname;
});
afterAll(async () => {
  // client input never reaches the global 500 handler
  expect(b.stats.internalErrors).toBe(0);
  await b.close();
});

const json = { 'content-type': MEDIA.json, accept: MEDIA.json };
const withCompute = (compute: Obj): Obj => ({
  ...EXAMPLE_REQUEST,
  compute: { ...(EXAMPLE_REQUEST.compute as Obj), ...compute },
});
/** Nine levels of nine aliases each: billions of nodes if expanded. */
const ALIAS_BOMB =
  [
    'l0: &l0 [x, x, x, x, x, x, x, x, x]',
    ...Array.from({ length: 8 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`),
  ].join('\n') + '\n';
const UNKNOWN = '0b8e1f7a-3c2d-4e5f-8a9b-0c1d2e3f4a5b';

interface Case {
  name: string;
  method: string;
  path: string | (() => string);
  body?: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** The error document lists findings with a pointer (and, for text, a line). */
  located?: boolean;
}

const CASES: Case[] = [
  {
    name: 'malformed JSON',
    method: 'POST',
    path: '/requests',
    body: '{"executable": ',
    headers: json,
    status: 400,
    code: 'MALFORMED_BODY',
    located: true,
  },
  {
    name: 'malformed YAML',
    method: 'POST',
    path: '/requests',
    body: 'executable: [\n  kind: x',
    headers: { 'content-type': MEDIA.yaml, accept: MEDIA.json },
    status: 400,
    code: 'MALFORMED_BODY',
  },
  {
    name: 'malformed XML',
    method: 'POST',
    path: '/requests',
    body: '<offers-request><executable></offers-request>',
    headers: { 'content-type': MEDIA.xml, accept: MEDIA.json },
    status: 400,
    code: 'MALFORMED_BODY',
  },
  {
    name: 'XML with a DOCTYPE entity',
    method: 'POST',
    path: '/requests',
    body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><offers-request>&e;</offers-request>',
    headers: { 'content-type': MEDIA.xml, accept: MEDIA.json },
    status: 400,
    code: 'MALFORMED_BODY',
  },
  {
    name: 'YAML alias bomb',
    method: 'POST',
    path: '/requests',
    body: ALIAS_BOMB,
    headers: { 'content-type': MEDIA.yaml, accept: MEDIA.json },
    status: 400,
    code: 'MALFORMED_BODY',
  },
  {
    name: 'nesting beyond the depth limit',
    method: 'POST',
    path: '/requests',
    body: '['.repeat(500) + ']'.repeat(500),
    headers: json,
    status: 400,
    code: 'MALFORMED_BODY',
  },
  {
    name: 'invalid UTF-8',
    method: 'POST',
    path: '/requests',
    body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    headers: json,
    status: 400,
    code: 'MALFORMED_BODY',
  },
  {
    name: 'YAML sent as JSON',
    method: 'POST',
    path: '/requests',
    body: EXAMPLE_REQUEST_TEXT,
    headers: json,
    status: 400,
    code: 'MALFORMED_BODY',
  },
  { name: 'empty body', method: 'POST', path: '/requests', body: '', headers: json, status: 400, code: 'EMPTY_BODY' },
  {
    name: 'unsupported Content-Type',
    method: 'POST',
    path: '/requests',
    body: 'hello',
    headers: { 'content-type': 'text/plain', accept: MEDIA.json },
    status: 415,
    code: 'UNSUPPORTED_CONTENT_TYPE',
  },
  {
    name: 'unacceptable Accept',
    method: 'POST',
    path: '/requests',
    body: JSON.stringify(EXAMPLE_REQUEST),
    headers: { 'content-type': MEDIA.json, accept: 'text/html' },
    status: 406,
    code: 'NO_ACCEPTABLE_FORMAT',
  },
  {
    name: 'min above max',
    method: 'POST',
    path: '/requests',
    body: JSON.stringify(withCompute({ cores: { min: 8, max: 4 } }), null, 2),
    headers: json,
    status: 422,
    code: 'INVALID_DOCUMENT',
    located: true,
  },
  {
    name: 'wrong JSON type',
    method: 'POST',
    path: '/requests',
    body: JSON.stringify(withCompute({ cores: { min: 'two' } })),
    headers: json,
    status: 422,
    code: 'INVALID_DOCUMENT',
    located: true,
  },
  {
    name: 'a list instead of a request',
    method: 'POST',
    path: '/requests',
    body: '[1, 2]',
    headers: json,
    status: 422,
    code: 'INVALID_DOCUMENT',
  },
  {
    name: 'a bare string',
    method: 'POST',
    path: '/direct',
    body: '"hello"',
    headers: json,
    status: 422,
    code: 'INVALID_DOCUMENT',
  },
  {
    name: 'body over the limit',
    method: 'POST',
    path: '/requests',
    body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }),
    headers: json,
    status: 413,
    code: 'BODY_TOO_LARGE',
  },
  {
    name: 'unknown session',
    method: 'GET',
    path: `/sessions/${UNKNOWN}`,
    headers: json,
    status: 404,
    code: 'UNKNOWN_SESSION',
  },
  {
    name: 'malformed session UUID',
    method: 'GET',
    path: '/sessions/not-a-uuid',
    headers: json,
    status: 404,
    code: 'UNKNOWN_SESSION',
  },
  {
    name: 'unknown offer set',
    method: 'GET',
    path: `/offersets/${UNKNOWN}`,
    headers: json,
    status: 404,
    code: 'UNKNOWN_OFFERSET',
  },
  {
    name: 'malformed offer set UUID',
    method: 'GET',
    path: '/offersets/%27%20OR%201%3D1',
    headers: json,
    status: 404,
    code: 'UNKNOWN_OFFERSET',
  },
  {
    name: 'update of an unknown session',
    method: 'POST',
    path: `/sessions/${UNKNOWN}`,
    body: '{"kind":"uri:enum-value-update","path":"phase","value":"ACCEPTED"}',
    headers: json,
    status: 404,
    code: 'UNKNOWN_SESSION',
  },
  {
    name: 'update to a phase not offered',
    method: 'POST',
    path: () => sessionPath,
    body: '{"kind":"uri:enum-value-update","path":"phase","value":"RUNNING"}',
    headers: json,
    status: 409,
    code: 'UPDATE_NOT_OFFERED',
  },
  {
    name: 'update on another path',
    method: 'POST',
    path: () => sessionPath,
    body: '{"kind":"uri:enum-value-update","path":"cores","value":"ACCEPTED"}',
    headers: json,
    status: 409,
    code: 'UPDATE_NOT_OFFERED',
  },
  {
    name: 'update without a value',
    method: 'POST',
    path: () => sessionPath,
    body: '{"kind":"uri:enum-value-update","path":"phase"}',
    headers: json,
    status: 422,
    code: 'INVALID_DOCUMENT',
    located: true,
  },
  { name: 'unknown path', method: 'GET', path: '/nowhere', headers: json, status: 404, code: 'UNKNOWN_PATH' },
  {
    name: 'GET on /requests',
    method: 'GET',
    path: '/requests',
    headers: json,
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
  },
  {
    name: 'DELETE on a session',
    method: 'DELETE',
    path: () => sessionPath,
    headers: json,
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
  },
  {
    name: 'broken percent-encoding in the path',
    method: 'GET',
    path: '/sessions/%E0%A4%A',
    headers: json,
    status: 404,
    code: 'UNKNOWN_SESSION',
  },
  {
    name: 'overlong path parameter',
    method: 'GET',
    path: `/sessions/${'a'.repeat(5000)}`,
    headers: json,
    status: 404,
    code: 'UNKNOWN_SESSION',
  },
  {
    name: 'broken percent-encoding elsewhere',
    method: 'GET',
    path: '/%E0%A4%A',
    headers: json,
    status: 400,
    code: 'BAD_REQUEST',
  },
];

describe('bad inputs: status, code and a valid error document', () => {
  for (const c of CASES) {
    it(`${c.name} ⇒ ${c.status} ${c.code}`, async () => {
      const path = typeof c.path === 'function' ? c.path() : c.path;
      const r = await http(b, c.method, path, {
        ...(c.body !== undefined ? { body: c.body } : {}),
        headers: c.headers ?? {},
      });
      expect(r.status).toBe(c.status);
      // 406 cannot honour Accept, so its error document is YAML (EB-HTTP-03)
      expect(r.format).toBe(c.status === 406 ? 'yaml' : 'json');
      expect(r.headers.vary).toMatch(/accept/i);
      expect(r.value.status).toBe(c.status);
      expect(r.value.code).toBe(c.code);
      expect(typeof r.value.message).toBe('string');
      expect(errorsOf(r, 'error')).toEqual([]);
      if (c.located) {
        const messages = r.value.messages as Obj[];
        expect(messages.length).toBeGreaterThan(0);
        const values = messages[0]!.values as Record<string, string>;
        expect(typeof values.pointer).toBe('string');
        expect(Number(values.line)).toBeGreaterThan(0);
      }
    });
  }

  it('an unknown executable kind is a NO answer with a message, not an error (EB-KIND-02)', async () => {
    const req = {
      ...EXAMPLE_REQUEST,
      executable: { kind: 'https://example.org/kinds/zeppelin-notebook.yaml', meta: { name: 'z' } },
    };
    const r = await submit(b, req);
    expect(r.status).toBe(303);
    expect(r.value.result).toBe('NO');
    expect(offersOf(r)).toEqual([]);
    const messages = (r.value.meta as Obj).messages as Obj[];
    expect(messages.map((m) => m.kind)).toContain('uri:unknown-type');
    expect(errorsOf(r, 'offerset')).toEqual([]);
  });

  it('arbitrary bytes and JSON never produce a 5xx', async () => {
    const target = fc.constantFrom('/requests', '/direct', sessionPath);
    const ctype = fc.constantFrom(MEDIA.json, MEDIA.yaml, MEDIA.xml, 'text/plain', '');
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((x) => Buffer.from(x)),
      fc.json().map((s) => Buffer.from(s)),
      fc.anything().map((x) => Buffer.from(JSON.stringify(x) ?? 'null')),
    );
    await fc.assert(
      fc.asyncProperty(target, ctype, body, async (path, ct, bytes) => {
        const r = await http(b, 'POST', path, {
          body: bytes,
          headers: ct ? { 'content-type': ct, accept: MEDIA.json } : { accept: MEDIA.json },
        });
        expect(r.status).toBeLessThan(500);
        expect(r.headers['content-type']).toBeTruthy();
      }),
      { numRuns: 150 },
    );
  });
});
