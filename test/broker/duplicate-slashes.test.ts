/**
 * A base URL given with a trailing slash and joined with `/requests` by string (`$BASE//requests`) names the same
 * resource as `/requests`, at the broker and the aggregator, as a trailing slash already does: duplicate slashes
 * are read as one, for every endpoint, the VOSI ones and the 405 of a method an endpoint does not allow included.
 */
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { bothAnswerers } from '../support/both-answerers.js';

const servers = bothAnswerers();

describe.each(servers.each())('%s', (_name, url) => {
  it('POST //requests is POST /requests, and //offersets//{uuid} and //sessions//{uuid} are read', async () => {
    const r = await fetch(`${url()}//requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(executionRequest()),
      redirect: 'manual',
    });
    expect(r.status, await r.clone().text()).toBe(303);
    const set = (await r.json()) as { meta: { uuid: string }; offers: { meta: { uuid: string } }[] };
    const offerset = await fetch(`${url()}//offersets//${set.meta.uuid}`, { headers: { accept: 'application/json' } });
    expect(offerset.status).toBe(200);
    const session = await fetch(`${url()}//sessions//${set.offers[0]!.meta.uuid}`, {
      headers: { accept: 'application/json' },
    });
    expect(session.status).toBe(200);
    expect(((await session.json()) as { phase: string }).phase).toBe('OFFERED');
  });

  it('GET //availability and //capabilities are the VOSI documents, in XML whatever Accept says', async () => {
    for (const path of ['//availability', '//capabilities', '///availability/']) {
      const r = await fetch(`${url()}${path}`, { headers: { accept: 'text/html' } });
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type'), path).toMatch(/^application\/xml/);
    }
  });

  it('a method //requests does not allow is 405 with Allow, not 404 UNKNOWN_PATH', async () => {
    for (const method of ['GET', 'TRACE']) {
      const r = await request(`${url()}//requests`, { method, headers: { accept: 'application/json' } });
      await r.body.text();
      expect(r.statusCode, method).toBe(405);
      expect(r.headers['allow'], method).toBe('POST, OPTIONS');
    }
  });

  it('a path that names nothing is still 404 UNKNOWN_PATH', async () => {
    const r = await fetch(`${url()}//nothing//here`, { headers: { accept: 'application/json' } });
    expect(r.status).toBe(404);
    expect(((await r.json()) as { code: string }).code).toBe('UNKNOWN_PATH');
  });
});
