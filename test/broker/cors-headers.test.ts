/**
 * A page on another origin may send the headers it asks for in a preflight (an API key header such as X-API-Key,
 * which `--header` sends, failed the preflight) and read WWW-Authenticate and Retry-After as well as Location, at
 * the broker and the aggregator alike.
 */
import { describe, expect, it } from 'vitest';
import { bothAnswerers } from '../support/both-answerers.js';

const servers = bothAnswerers();

const preflight = (url: string, asked?: string) =>
  fetch(`${url}/requests`, {
    method: 'OPTIONS',
    headers: {
      origin: 'https://portal.example.org',
      'access-control-request-method': 'POST',
      ...(asked !== undefined ? { 'access-control-request-headers': asked } : {}),
    },
  });

describe.each(servers.each())('%s', (_name, url) => {
  it('a preflight asking for an API key header is allowed it, beside the standard ones', async () => {
    const res = await preflight(url(), 'x-api-key,content-type');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, Accept, Authorization, Prefer, x-api-key,content-type',
    );
  });

  it('a preflight asking for something that is no list of header names gets the standard ones only', async () => {
    for (const asked of ['x api key', 'a;b', `${'x'.repeat(65)}`])
      expect((await preflight(url(), asked)).headers.get('access-control-allow-headers'), asked).toBe(
        'Content-Type, Accept, Authorization, Prefer',
      );
  });

  it('an answer to another origin exposes Location, WWW-Authenticate and Retry-After', async () => {
    const res = await fetch(`${url()}/availability`, { headers: { origin: 'https://portal.example.org' } });
    expect(res.headers.get('access-control-expose-headers')).toBe('Location, WWW-Authenticate, Retry-After');
  });
});
