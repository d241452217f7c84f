/**
 * Under --auth bearer, a request without a usable token is told which thing is wrong, by the broker and the
 * aggregator alike: no token, credentials of another scheme (named, never echoed), or a Bearer value that is no
 * single token (RFC 6750 §3.1 invalid_request in the challenge). The credentials sent never appear in the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/broker/index.js';
import { startAggregator, type RunningAggregator } from '../../src/aggregator/index.js';
import { executionRequest } from '../../conformance/lib/fixtures.js';

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
