/**
 * Under --auth bearer, a request without a usable token is told which thing is wrong, by the broker and the
 * aggregator alike: no token, credentials of another scheme (named, never echoed), or a Bearer value that is no
 * single token (RFC 6750 §3.1 invalid_request in the challenge). The credentials sent never appear in the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/broker/index.js';
import { startAggregator, type RunningAggregator } from '../../src/aggregator/index.js';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { head, rawExchange } from '../interop/raw.js';

let broker: RunningBroker;
let agg: RunningAggregator;
beforeAll(async () => {
  broker = await startBroker({ db: ':memory:', auth: 'bearer' });
  agg = await startAggregator({ db: ':memory:', auth: 'bearer', upstreams: [broker.url] });
});
afterAll(async () => {
  await agg.close();
  await broker.close();
});

const post = (url: string, authorization?: string) =>
  fetch(`${url}/requests`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(authorization !== undefined ? { authorization } : {}),
    },
    body: JSON.stringify(executionRequest()),
    redirect: 'manual',
  });

describe.each([
  ['broker', () => broker.url],
  ['aggregator', () => agg.url],
] as const)('%s', (name, url) => {
  it.each([
    [undefined, `This ${name} needs a bearer token (Authorization: Bearer …).`, 'Bearer'],
    ['Basic dXNlcjpzM2NyZXQ=', 'the Authorization header holds Basic credentials.', 'Bearer'],
    ['Token s3cret-value', 'the Authorization header holds Token credentials.', 'Bearer'],
    // A bare key, a scheme glued to its token, an unknown scheme: none is echoed as a scheme.
    ['abc123s3cret', 'the Authorization header holds other credentials.', 'Bearer'],
    ['Bearers3cret', 'the Authorization header holds other credentials.', 'Bearer'],
    ['X-s3cret-scheme value', 'the Authorization header holds other credentials.', 'Bearer'],
    [
      'Bearer s3cret with spaces',
      "the Authorization header's Bearer value is not one token",
      'Bearer error="invalid_request"',
    ],
    ['Bearer ', "the Authorization header's Bearer value is not one token", 'Bearer error="invalid_request"'],
  ])('Authorization %s: 401 saying so', async (authorization, message, challenge) => {
    const res = await post(url(), authorization);
    const text = await res.text();
    expect(res.status).toBe(401);
    expect((JSON.parse(text) as { message: string }).message).toContain(message);
    expect(res.headers.get('www-authenticate')).toBe(challenge);
    expect(text).not.toMatch(/s3cret|dXNlcjpzM2NyZXQ/);
  });

  it('a token in any case of the scheme is taken', async () => {
    const res = await post(url(), 'bEaReR a-token');
    expect(res.status).toBe(303);
  });
});

describe.each([
  ['broker', () => broker.url],
  ['aggregator', () => agg.url],
] as const)('%s: credentials on reads', (_name, url) => {
  it('a read with an Authorization header that holds no usable token is 401, not the 404 an anonymous read gets', async () => {
    const session = `${url()}/sessions/00000000-0000-4000-8000-000000000000`;
    const read = (authorization?: string) =>
      fetch(session, { headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) } });
    expect((await read()).status).toBe(404);
    expect((await read('Bearer a-token')).status).toBe(404);
    for (const [authorization, challenge] of [
      ['Bearer', 'Bearer error="invalid_request"'],
      ['Bearer a-token extra', 'Bearer error="invalid_request"'],
      ['Basic b3duZXI6dG9rZW4=', 'Bearer'],
    ] as const) {
      const res = await read(authorization);
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe(challenge);
    }
    // VOSI stays open to monitors whatever they send.
    expect((await fetch(`${url()}/availability`, { headers: { authorization: 'Bearer' } })).status).toBe(200);
  });

  it('two Authorization headers: 400, whichever would have been read', async () => {
    const host = new URL(url()).host;
    const r = await rawExchange(url(), [
      head('GET', '/offersets/00000000-0000-4000-8000-000000000000', host, [
        ['Authorization', 'Bearer one'],
        ['Authorization', 'Bearer two'],
        ['Connection', 'close'],
      ]),
    ]);
    expect(r.status, r.body).toBe(400);
    expect(r.body).toMatch(/more than one Authorization header/);
    expect(r.body).not.toMatch(/Bearer (one|two)/);
  });
});
