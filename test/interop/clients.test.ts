/**
 * What real clients put on the wire, against the reference broker: curl, python-requests, axios, a browser's
 * fetch and navigation, the upstream (openapi-generator) python client. Header sets are copied from what those
 * clients send by default; bodies carry the quirks editors and HTTP stacks add (BOM, CRLF, tabs, chunking).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as undiciRequest } from 'undici';
import { ManualClock, startBroker, type RunningBroker } from '../../src/broker/index.js';
import { parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import { EXAMPLE_REQUEST, EXAMPLE_REQUEST_TEXT, T0 } from '../broker/helpers.js';
import { chunked, head, rawExchange, type RawReply } from './raw.js';

type Obj = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let broker: RunningBroker;
let host: string;

beforeAll(async () => {
  // A roomy platform: every request in this file gets offers, however many came before.
  broker = await startBroker({
    clock: new ManualClock(T0),
    config: { cores: 100_000, memory: 100_000, storage: 10_000_000 },
  });
  host = new URL(broker.url).host;
});
afterAll(async () => {
  await broker.close();
});

/** The response body read in the format its Content-Type names (the project's own parser). */
function bodyOf(r: { headers: Record<string, string>; body: string }): { format: string; value: Obj } {
  const ct = (r.headers['content-type'] ?? '').split(';')[0]!.trim();
  const format = ({ 'application/json': 'json', 'application/yaml': 'yaml', 'application/xml': 'xml' } as const)[ct];
  expect(format, `a content type the broker promises, got ${ct}`).toBeDefined();
  const doc = parse(r.body, { format: format! });
  expect(doc.findings.filter((f) => f.level === 'error')).toEqual([]);
  return { format: format!, value: doc.value as Obj };
}

/** Asserts a 303 answer to POST /requests: absolute Location to the offer set in the body, a valid offer set. */
function expectOfferSet(r: RawReply, format: string): Obj {
  expect(r.status, r.body).toBe(303);
  const body = bodyOf(r);
  expect(body.format).toBe(format);
  const meta = body.value.meta as Obj;
  expect(meta.uuid).toMatch(UUID);
  expect(r.headers.location).toBe(`${broker.url}/offersets/${String(meta.uuid)}`);
  expect(body.value.result).toBe('YES');
  const v = validate(parse(r.body, { format: body.format as 'json' | 'yaml' | 'xml' }), { type: 'offerset' });
  expect(v.findings.filter((f) => f.level === 'error').map((f) => `${f.ruleId} ${f.pointer}`)).toEqual([]);
  return body.value;
}

const post = (path: string, headers: Array<[string, string]>, body: string | Buffer): Promise<RawReply> => {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return rawExchange(broker.url, [
    head('POST', path, host, [...headers, ['Content-Length', String(bytes.length)], ['Connection', 'close']]),
    bytes,
  ]);
};
const get = (method: string, path: string, headers: Array<[string, string]> = []): Promise<RawReply> =>
  rawExchange(broker.url, [head(method, path, host, [...headers, ['Connection', 'close']])]);

/** POST /requests with this Content-Type, asking for JSON back. */
const postAs = (contentType: string, body: string | Buffer): Promise<RawReply> =>
  post(
    '/requests',
    [
      ['Content-Type', contentType],
      ['Accept', 'application/json'],
    ],
    body,
  );
const JSON_TEXT = JSON.stringify(EXAMPLE_REQUEST);
/** python's json.dumps default separators: ", " and ": ". */
const PY_JSON = JSON.stringify(EXAMPLE_REQUEST).replace(/","/g, '", "').replace(/":/g, '": ');

describe('request bodies as real clients send them', () => {
  it('curl --data-binary @request.yaml -H "Content-Type: application/yaml" (Accept */*): 303 with YAML', async () => {
    const r = await post(
      '/requests',
      [
        ['User-Agent', 'curl/8.5.0'],
        ['Accept', '*/*'],
        ['Content-Type', 'application/yaml'],
      ],
      EXAMPLE_REQUEST_TEXT,
    );
    expectOfferSet(r, 'yaml');
  });

  it('curl -d @request.yaml without -H sends form-urlencoded: 415 that says what to send', async () => {
    const r = await post(
      '/requests',
      [
        ['User-Agent', 'curl/8.5.0'],
        ['Accept', '*/*'],
        ['Content-Type', 'application/x-www-form-urlencoded'],
      ],
      EXAMPLE_REQUEST_TEXT.replace(/\n/g, ''),
    );
    expect(r.status).toBe(415);
    const err = bodyOf(r).value;
    expect(err.code).toBe('UNSUPPORTED_CONTENT_TYPE');
    expect(String(err.message)).toContain('application/yaml');
  });

  it('python-requests post(url, data=text): no Content-Type, so YAML in and YAML out (EB-HTTP-03)', async () => {
    const r = await post(
      '/requests',
      [
        ['User-Agent', 'python-requests/2.32.3'],
        ['Accept-Encoding', 'gzip, deflate'],
        ['Accept', '*/*'],
      ],
      EXAMPLE_REQUEST_TEXT,
    );
    expectOfferSet(r, 'yaml');
  });

  it('python-requests post(url, json=obj): json.dumps spacing, Accept */* ⇒ YAML answer', async () => {
    const r = await post(
      '/requests',
      [
        ['User-Agent', 'python-requests/2.32.3'],
        ['Accept-Encoding', 'gzip, deflate'],
        ['Accept', '*/*'],
        ['Content-Type', 'application/json'],
      ],
      PY_JSON,
    );
    expectOfferSet(r, 'yaml');
  });

  it('axios: application/json body, Accept "application/json, text/plain, */*" ⇒ JSON answer', async () => {
    const r = await post(
      '/requests',
      [
        ['Accept', 'application/json, text/plain, */*'],
        ['Content-Type', 'application/json'],
        ['User-Agent', 'axios/1.7.9'],
        ['Accept-Encoding', 'gzip, compress, deflate, br'],
      ],
      JSON_TEXT,
    );
    expectOfferSet(r, 'json');
  });

  it('upstream python client (openapi-generator): application/json both ways', async () => {
    const r = await post(
      '/requests',
      [
        ['Accept', 'application/json'],
        ['Content-Type', 'application/json'],
        ['User-Agent', 'OpenAPI-Generator/1.0.0/python'],
      ],
      PY_JSON,
    );
    expectOfferSet(r, 'json');
  });

  it('older generated clients list every type at equal q: YAML wins the tie (EB-HTTP-03)', async () => {
    const r = await post(
      '/requests',
      [
        ['Accept', 'application/json, application/yaml, application/xml'],
        ['Content-Type', 'application/json'],
      ],
      JSON_TEXT,
    );
    expectOfferSet(r, 'yaml');
  });

  const contentTypes: Array<[string, string]> = [
    ['application/yaml; charset=utf-8', EXAMPLE_REQUEST_TEXT],
    ['text/yaml', EXAMPLE_REQUEST_TEXT],
    ['application/x-yaml', EXAMPLE_REQUEST_TEXT],
    ['application/yml', EXAMPLE_REQUEST_TEXT],
    ['text/x-yaml', EXAMPLE_REQUEST_TEXT],
    ['application/json;charset=UTF-8', JSON_TEXT],
    ['APPLICATION/JSON', JSON_TEXT],
    ['application/json; charset="utf-8"', JSON_TEXT],
  ];
  for (const [ct, body] of contentTypes) {
    it(`Content-Type: ${ct} is read`, async () => {
      expectOfferSet(await postAs(ct, body), 'json');
    });
  }

  const quirks: Array<[string, string, Buffer]> = [
    [
      'a UTF-8 BOM before YAML',
      'application/yaml',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXAMPLE_REQUEST_TEXT)]),
    ],
    [
      'a UTF-8 BOM before JSON',
      'application/json',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON_TEXT)]),
    ],
    ['CRLF line ends (a Windows editor)', 'application/yaml', Buffer.from(EXAMPLE_REQUEST_TEXT.replace(/\n/g, '\r\n'))],
    ['trailing blank lines and spaces', 'application/yaml', Buffer.from(`${EXAMPLE_REQUEST_TEXT}\n\n   \n`)],
    [
      'pretty JSON indented with tabs, CRLF and a final newline',
      'application/json',
      Buffer.from(`${JSON.stringify(EXAMPLE_REQUEST, null, '\t').replace(/\n/g, '\r\n')}\r\n`),
    ],
    ['JSON sent with no Content-Type (read as YAML, a superset)', '', Buffer.from(JSON_TEXT)],
  ];
  for (const [name, ct, body] of quirks) {
    it(`a body with ${name} is read`, async () => {
      const headers: Array<[string, string]> = ct ? [['Content-Type', ct]] : [];
      expectOfferSet(await post('/requests', [...headers, ['Accept', 'application/json']], body), 'json');
    });
  }

  // A Latin-1 or UTF-16 body that says so in its Content-Type is read in that charset, not refused as bad UTF-8.
  const named = `${EXAMPLE_REQUEST_TEXT}\n# Auftrag für Café Zürich\n`;
  const charsets: Array<[string, Buffer]> = [
    ['application/yaml; charset=ISO-8859-1', Buffer.from(named, 'latin1')],
    ['application/yaml; charset="windows-1252"', Buffer.from(named, 'latin1')],
    ['application/yaml; charset=UTF-16LE', Buffer.from(named, 'utf16le')],
  ];
  for (const [ct, body] of charsets) {
    it(`a body in the charset its Content-Type names is read (${ct})`, async () => {
      expectOfferSet(await postAs(ct, body), 'json');
    });
  }

  it('a charset that cannot be decoded is refused with 415 (a media type not supported), naming it', async () => {
    const r = await postAs('application/yaml; charset=x-no-such-charset', Buffer.from(EXAMPLE_REQUEST_TEXT));
    expect(r.status).toBe(415);
    expect(JSON.stringify(bodyOf(r).value)).toContain('x-no-such-charset');
  });

  it('Latin-1 bytes without a charset are still refused as bad UTF-8, with the offset', async () => {
    const r = await postAs('application/yaml', Buffer.from(named, 'latin1'));
    expect(r.status).toBe(400);
    expect(JSON.stringify(bodyOf(r).value)).toMatch(/not valid UTF-8: byte 0xfc at byte offset \d+/);
  });

  it('Transfer-Encoding: chunked (no Content-Length) is read', async () => {
    const r = await rawExchange(broker.url, [
      head('POST', '/requests', host, [
        ['Content-Type', 'application/yaml'],
        ['Transfer-Encoding', 'chunked'],
        ['Accept', 'application/json'],
        ['Connection', 'close'],
      ]),
      chunked(EXAMPLE_REQUEST_TEXT, 97),
    ]);
    expectOfferSet(r, 'json');
  });

  it('Expect: 100-continue (curl for bodies over 1 KiB): 100, then the answer', async () => {
    const body = Buffer.from(EXAMPLE_REQUEST_TEXT);
    const r = await rawExchange(broker.url, [
      head('POST', '/requests', host, [
        ['Content-Type', 'application/yaml'],
        ['Content-Length', String(body.length)],
        ['Expect', '100-continue'],
        ['Accept', 'application/json'],
        ['Connection', 'close'],
      ]),
      'await-100',
      body,
    ]);
    expect(r.statusLines[0]).toMatch(/^HTTP\/1\.1 100 /);
    expectOfferSet(r, 'json');
  });

  it('a gzip-encoded body is refused with 415, not misread as YAML', async () => {
    const { gzipSync } = await import('node:zlib');
    const r = await post(
      '/requests',
      [
        ['Content-Type', 'application/yaml'],
        ['Content-Encoding', 'gzip'],
      ],
      gzipSync(EXAMPLE_REQUEST_TEXT),
    );
    expect(r.status).toBe(415);
    expect(String(bodyOf(r).value.message)).toMatch(/gzip/);
  });

  it('a text/plain body (fetch with a string and no header) is 415 naming the media types to use', async () => {
    const r = await post('/requests', [['Content-Type', 'text/plain;charset=UTF-8']], EXAMPLE_REQUEST_TEXT);
    expect(r.status).toBe(415);
    expect(String(bodyOf(r).value.message)).toMatch(
      /application\/yaml.*application\/json|application\/json.*application\/yaml/,
    );
  });
});

describe('Accept headers', () => {
  let sessionPath = '';
  beforeAll(async () => {
    const r = await post(
      '/requests',
      [
        ['Content-Type', 'application/json'],
        ['Accept', 'application/json'],
      ],
      JSON_TEXT,
    );
    sessionPath = new URL(String(((bodyOf(r).value.offers as Obj[])[0]!.meta as Obj).url)).pathname;
  });

  const cases: Array<[string, string | undefined, string]> = [
    ['missing', undefined, 'yaml'],
    ['*/*', '*/*', 'yaml'],
    ['application/yaml', 'application/yaml', 'yaml'],
    ['axios default', 'application/json, text/plain, */*', 'json'],
    ['browser navigation', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'xml'],
    ['jQuery json', 'application/json, text/javascript, */*; q=0.01', 'json'],
    ['json preferred by q', 'application/yaml;q=0.5, application/json', 'json'],
  ];
  for (const [name, accept, format] of cases) {
    it(`${name} ⇒ ${format}`, async () => {
      const r = await get('GET', sessionPath, accept === undefined ? [] : [['Accept', accept]]);
      expect(r.status).toBe(200);
      const body = bodyOf(r);
      expect(body.format).toBe(format);
      expect(r.headers.vary).toMatch(/Accept/);
      if (format !== 'xml') expect(body.value.phase).toBe('OFFERED');
    });
  }

  it('Accept: text/html only ⇒ 406 with the error document in YAML', async () => {
    const r = await get('GET', sessionPath, [['Accept', 'text/html']]);
    expect(r.status).toBe(406);
    expect(bodyOf(r).value.code).toBe('NO_ACCEPTABLE_FORMAT');
  });
});

describe('following the 303 as clients do', () => {
  it('fetch (redirect: follow) re-issues a GET to Location and gets the same offer set', async () => {
    const res = await fetch(`${broker.url}/requests`, {
      method: 'POST',
      body: EXAMPLE_REQUEST_TEXT,
      headers: { 'content-type': 'application/yaml', accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.redirected).toBe(true);
    expect(res.url).toMatch(/\/offersets\/[0-9a-f-]{36}$/);
    const doc = (await res.json()) as Obj;
    expect((doc.meta as Obj).url).toBe(res.url);
    expect(doc.result).toBe('YES');
  });

  it("curl -L: GET on the Location with curl's headers", async () => {
    const first = await post(
      '/requests',
      [
        ['User-Agent', 'curl/8.5.0'],
        ['Accept', '*/*'],
        ['Content-Type', 'application/yaml'],
      ],
      EXAMPLE_REQUEST_TEXT,
    );
    const offerset = expectOfferSet(first, 'yaml');
    const again = await get('GET', new URL(first.headers.location!).pathname, [
      ['User-Agent', 'curl/8.5.0'],
      ['Accept', '*/*'],
    ]);
    expect(again.status).toBe(200);
    expect((bodyOf(again).value.meta as Obj).uuid).toBe((offerset.meta as Obj).uuid);
  });

  it('a client that re-POSTs to the Location (curl -L -X POST) gets 405 with Allow, not a 5xx', async () => {
    const first = await post('/requests', [['Content-Type', 'application/yaml']], EXAMPLE_REQUEST_TEXT);
    const r = await post(
      new URL(first.headers.location!).pathname,
      [['Content-Type', 'application/yaml']],
      EXAMPLE_REQUEST_TEXT,
    );
    expect(r.status).toBe(405);
    expect(r.headers.allow).toMatch(/GET/);
  });
});

describe('updates as clients phrase them', () => {
  const offers = async (): Promise<string[]> => {
    const r = await post(
      '/requests',
      [
        ['Content-Type', 'application/json'],
        ['Accept', 'application/json'],
      ],
      JSON_TEXT,
    );
    return (bodyOf(r).value.offers as Obj[]).map((o) => new URL(String((o.meta as Obj).url)).pathname);
  };
  const updateBody = (path: string, value: string): string =>
    JSON.stringify({ kind: 'uri:enum-value-update', path, value });

  it('path: phase (the Calycopis tests) accepts', async () => {
    const [first] = await offers();
    const r = await post(
      first!,
      [
        ['Content-Type', 'application/json'],
        ['Accept', 'application/json'],
      ],
      updateBody('phase', 'ACCEPTED'),
    );
    expect(r.status, r.body).toBe(200);
    expect(bodyOf(r).value.phase).toBe('ACCEPTED');
  });

  it('path: /phase (the python client default) accepts, in YAML with no Content-Type', async () => {
    const [first] = await offers();
    const r = await post(first!, [], 'kind: uri:enum-value-update\npath: /phase\nvalue: ACCEPTED\n');
    expect(r.status, r.body).toBe(200);
    expect(bodyOf(r).value.phase).toBe('ACCEPTED');
  });

  it('value: accepted (lower case) is refused with 409 UPDATE_NOT_OFFERED that names ACCEPTED; the offer stays OFFERED', async () => {
    const [first] = await offers();
    const r = await post(
      first!,
      [
        ['Content-Type', 'application/json'],
        ['Accept', 'application/json'],
      ],
      updateBody('phase', 'accepted'),
    );
    expect(r.status).toBe(409);
    const err = bodyOf(r).value;
    expect(err.code).toBe('UPDATE_NOT_OFFERED');
    expect(String(err.message)).toMatch(/did you mean ACCEPTED/);
    const after = await get('GET', first!, [['Accept', 'application/json']]);
    expect(bodyOf(after).value.phase).toBe('OFFERED');
  });

  it('an update to the upper-case UUID, with a trailing slash and a query string, reaches the session', async () => {
    const [first] = await offers();
    const r = await post(
      `${first!.toUpperCase().replace('/SESSIONS/', '/sessions/')}/?from=portal`,
      [
        ['Content-Type', 'application/json'],
        ['Accept', 'application/json'],
      ],
      updateBody('/phase', 'REJECTED'),
    );
    expect(r.status, r.body).toBe(200);
    const doc = bodyOf(r).value;
    expect(doc.phase).toBe('REJECTED');
    expect((doc.meta as Obj).uuid).toBe(first!.split('/').pop());
  });
});

describe('paths, methods and connections', () => {
  let sessionPath = '';
  let offersetPath = '';
  beforeAll(async () => {
    const r = await post(
      '/requests',
      [
        ['Content-Type', 'application/json'],
        ['Accept', 'application/json'],
      ],
      JSON_TEXT,
    );
    offersetPath = new URL(r.headers.location!).pathname;
    sessionPath = new URL(String(((bodyOf(r).value.offers as Obj[])[0]!.meta as Obj).url)).pathname;
  });

  it('a trailing slash, a query string, an upper-case or percent-encoded UUID name the same session', async () => {
    const uuid = sessionPath.split('/').pop()!;
    const variants = [
      `${sessionPath}/`,
      `${sessionPath}?x=1&y`,
      `/sessions/${uuid.toUpperCase()}`,
      `/sessions/%${uuid.charCodeAt(0).toString(16)}${uuid.slice(1)}`,
    ];
    for (const path of variants) {
      const r = await get('GET', path, [['Accept', 'application/json']]);
      expect(r.status, path).toBe(200);
      expect((bodyOf(r).value.meta as Obj).uuid, path).toBe(uuid);
    }
    const os = await get('GET', `${offersetPath}/`, [['Accept', 'application/json']]);
    expect(os.status).toBe(200);
    expect(expectOfferSetUrl(bodyOf(os).value)).toBe(`${broker.url}${offersetPath}`);
  });

  it('POST /requests/ and POST /requests?x=1 are the submit endpoint', async () => {
    expectOfferSet(await post('/requests/', [['Content-Type', 'application/yaml']], EXAMPLE_REQUEST_TEXT), 'yaml');
    expectOfferSet(
      await post('/requests?source=cli', [['Content-Type', 'application/yaml']], EXAMPLE_REQUEST_TEXT),
      'yaml',
    );
  });

  it('an encoded slash or junk in the UUID segment is 404, never 5xx', async () => {
    for (const path of [
      '/sessions%2Fabc',
      `/sessions/${'%ZZ'}`,
      '/sessions/..%2F..%2Fetc%2Fpasswd',
      '/offersets/%00',
    ]) {
      const r = await get('GET', path, [['Accept', 'application/json']]);
      expect([400, 404], path).toContain(r.status);
    }
  });

  it('HEAD gives the GET headers and no body; unknown is 404; HEAD /requests is 405', async () => {
    const g = await get('GET', sessionPath, [['Accept', 'application/json']]);
    const h = await get('HEAD', sessionPath, [['Accept', 'application/json']]);
    expect(h.status).toBe(200);
    expect(h.body).toBe('');
    expect(h.headers['content-type']).toBe(g.headers['content-type']);
    expect((await get('HEAD', offersetPath)).status).toBe(200);
    expect((await get('HEAD', '/sessions/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('HEAD', '/requests')).status).toBe(405);
    expect((await get('HEAD', '/capabilities')).status).toBe(200);
  });

  it('OPTIONS answers 204 with Allow on every endpoint', async () => {
    for (const [path, method] of [
      ['/requests', 'POST'],
      ['/direct', 'POST'],
      [sessionPath, 'POST'],
      [offersetPath, 'GET'],
      ['/capabilities', 'GET'],
    ] as const) {
      const r = await get('OPTIONS', path);
      expect(r.status, path).toBe(204);
      expect(r.headers.allow, path).toContain(method);
    }
    const star = await get('OPTIONS', '*');
    expect(star.status).toBeLessThan(500);
  });

  it('a browser CORS preflight and the cross-origin POST that follows carry the CORS headers', async () => {
    const pre = await get('OPTIONS', '/requests', [
      ['Origin', 'https://portal.example.org'],
      ['Access-Control-Request-Method', 'POST'],
      ['Access-Control-Request-Headers', 'content-type'],
    ]);
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toContain('POST');
    expect(pre.headers['access-control-allow-headers']?.toLowerCase()).toContain('content-type');
    const r = await post(
      '/requests',
      [
        ['Origin', 'https://portal.example.org'],
        ['Content-Type', 'application/yaml'],
      ],
      EXAMPLE_REQUEST_TEXT,
    );
    expect(r.status).toBe(303);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-expose-headers']).toMatch(/Location/i);
  });

  it('Connection: close is honoured; keep-alive serves several requests on one socket', async () => {
    const closed = await get('GET', sessionPath);
    expect(closed.closed).toBe(true);
    expect(closed.headers.connection).toBe('close');
    const agentRes = [];
    for (let i = 0; i < 3; i++)
      agentRes.push(await undiciRequest(`${broker.url}${sessionPath}`, { headers: { accept: 'application/json' } }));
    for (const res of agentRes) {
      expect(res.statusCode).toBe(200);
      await res.body.text();
    }
  });

  it('nothing above made the broker answer 500', () => {
    expect(broker.stats.internalErrors).toBe(0);
  });
});

function expectOfferSetUrl(doc: Obj): string {
  return String((doc.meta as Obj).url);
}

describe('CORS configuration', () => {
  it('a configured origin is sent with Vary: Origin; corsOrigin "none" sends no CORS headers', async () => {
    const one = await startBroker({ clock: new ManualClock(T0), config: { corsOrigin: 'https://portal.example.org' } });
    const off = await startBroker({ clock: new ManualClock(T0), config: { corsOrigin: 'none' } });
    try {
      const ask = (b: RunningBroker): Promise<RawReply> =>
        rawExchange(b.url, [
          head('GET', '/sessions/00000000-0000-4000-8000-000000000000', new URL(b.url).host, [
            ['Origin', 'https://portal.example.org'],
            ['Connection', 'close'],
          ]),
        ]);
      const a = await ask(one);
      expect(a.status).toBe(404);
      expect(a.headers['access-control-allow-origin']).toBe('https://portal.example.org');
      expect(a.headers.vary).toMatch(/Origin/);
      const b = await ask(off);
      expect(b.status).toBe(404);
      expect(b.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await one.close();
      await off.close();
    }
  });
});
