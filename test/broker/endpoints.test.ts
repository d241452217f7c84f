import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { compare } from '../../src/validate/index.js';
import {
  EXAMPLE_REQUEST,
  EXAMPLE_REQUEST_TEXT,
  MEDIA,
  encode,
  errorsOf,
  http,
  offersOf,
  start,
  urlOf,
  type Fmt,
  type Obj,
} from './helpers.js';
import type { RunningBroker } from '../../src/broker/index.js';

let b: RunningBroker;
beforeAll(async () => {
  b = await start({ config: { cores: 100_000, memory: 100_000, storage: 1_000_000 } });
});
afterAll(async () => {
  expect(b.stats.internalErrors).toBe(0);
  await b.close();
});

const FORMATS: Fmt[] = ['yaml', 'json', 'xml'];

describe('every endpoint in every media type', () => {
  for (const inFmt of FORMATS) {
    for (const outFmt of FORMATS) {
      it(`POST /requests ${inFmt} → ${outFmt}: 303, absolute Location, a valid offer set meeting the request`, async () => {
        const body = inFmt === 'yaml' ? EXAMPLE_REQUEST_TEXT : await encode(EXAMPLE_REQUEST, inFmt, 'request');
        const r = await http(b, 'POST', '/requests', {
          body,
          headers: { 'content-type': MEDIA[inFmt], accept: MEDIA[outFmt] },
        });
        expect(r.status).toBe(303);
        expect(r.headers['content-type']).toContain(MEDIA[outFmt]);
        expect(r.headers.vary).toMatch(/accept/i);
        expect(r.headers.location).toMatch(new RegExp(`^${b.url}/offersets/[0-9a-f-]{36}$`));
        expect(errorsOf(r, 'offerset')).toEqual([]);
        expect(r.value.result).toBe('YES');
        expect(offersOf(r).length).toBeGreaterThanOrEqual(1);
        expect(compare(EXAMPLE_REQUEST, r.value).filter((f) => f.level === 'error')).toEqual([]);
        // the Location and the body name the same offer set
        expect((r.value.meta as Obj).url).toBe(r.headers.location);
      });
    }
  }

  for (const fmt of FORMATS) {
    it(`GET /offersets, GET and POST /sessions, POST /direct in ${fmt}`, async () => {
      const sub = await http(b, 'POST', '/requests', {
        body: EXAMPLE_REQUEST_TEXT,
        headers: { 'content-type': MEDIA.yaml, accept: MEDIA.json },
      });
      const set = await http(b, 'GET', new URL(sub.headers.location!).pathname, { headers: { accept: MEDIA[fmt] } });
      expect(set.status).toBe(200);
      expect(set.headers['content-type']).toContain(MEDIA[fmt]);
      expect(errorsOf(set, 'offerset')).toEqual([]);
      expect(offersOf(set).map(urlOf)).toEqual(offersOf(sub).map(urlOf));

      const offer = offersOf(set)[0]!;
      const sess = await http(b, 'GET', new URL(urlOf(offer)).pathname, { headers: { accept: MEDIA[fmt] } });
      expect(sess.status).toBe(200);
      expect(errorsOf(sess, 'session')).toEqual([]);
      expect(sess.value.phase).toBe('OFFERED');

      const upd = await encode({ kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' }, fmt, 'update');
      const acc = await http(b, 'POST', new URL(urlOf(offer)).pathname, {
        body: upd,
        headers: { 'content-type': MEDIA[fmt], accept: MEDIA[fmt] },
      });
      expect(acc.status).toBe(200);
      expect(acc.headers['content-type']).toContain(MEDIA[fmt]);
      expect(errorsOf(acc, 'session')).toEqual([]);
      expect(acc.value.phase).toBe('ACCEPTED');

      const body = fmt === 'yaml' ? EXAMPLE_REQUEST_TEXT : await encode(EXAMPLE_REQUEST, fmt, 'request');
      const direct = await http(b, 'POST', '/direct', {
        body,
        headers: { 'content-type': MEDIA[fmt], accept: MEDIA[fmt] },
      });
      expect(direct.status).toBe(303);
      expect(direct.headers.location).toMatch(new RegExp(`^${b.url}/sessions/[0-9a-f-]{36}$`));
      expect(errorsOf(direct, 'session')).toEqual([]);
      expect(direct.value.phase).toBe('ACCEPTED');
    });
  }

  it('answers YAML when nothing is declared (EB-HTTP-03)', async () => {
    const r = await http(b, 'POST', '/requests', { body: EXAMPLE_REQUEST_TEXT });
    expect(r.status).toBe(303);
    expect(r.headers['content-type']).toContain(MEDIA.yaml);
    expect(r.value.result).toBe('YES');
  });

  it('follows Accept q-values', async () => {
    const r = await http(b, 'GET', '/capabilities-nope', {
      headers: { accept: 'application/yaml;q=0.2, application/json;q=0.9' },
    });
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toContain(MEDIA.json);
    expect(errorsOf(r, 'error')).toEqual([]);
  });

  it('direct execution with nothing offerable is 400 with a FAILED session carrying the reasons', async () => {
    const req = {
      ...EXAMPLE_REQUEST,
      compute: { kind: (EXAMPLE_REQUEST.compute as Obj).kind, cores: { min: 10_000_000 } },
    };
    const r = await http(b, 'POST', '/direct', {
      body: JSON.stringify(req),
      headers: { 'content-type': MEDIA.json, accept: MEDIA.json },
    });
    expect(r.status).toBe(400);
    expect(r.value.phase).toBe('FAILED');
    expect(((r.value.meta as Obj).messages as Obj[])[0]!.kind).toBe('urn:resource-limit');
    expect(errorsOf(r, 'session')).toEqual([]);
  });
});

describe('VOSI', () => {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: false });

  it('capabilities: VOSI namespace, the three capabilities, this service’s access URLs', async () => {
    const r = await http(b, 'GET', '/capabilities');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('xml');
    const doc = xml.parse(r.text) as Obj;
    const root = doc['vosi:capabilities'] as Obj;
    expect(root['@xmlns:vosi']).toBe('http://www.ivoa.net/xml/VOSICapabilities/v1.0');
    const caps = root.capability as Obj[];
    expect(caps.map((c) => c['@standardID'])).toEqual([
      'ivo://ivoa.net/std/VOSI#capabilities',
      'ivo://ivoa.net/std/VOSI#availability',
      'ivo://ivoa.net/std/ExecutionBroker',
    ]);
    const urls = caps.map((c) => ((c.interface as Obj).accessURL as Obj)['#text']);
    expect(urls).toEqual([`${b.url}/capabilities`, `${b.url}/availability`, `${b.url}/`]);
  });

  it('availability: VOSIAvailability namespace and available=true', async () => {
    const r = await http(b, 'GET', '/availability');
    expect(r.status).toBe(200);
    const root = (xml.parse(r.text) as Obj)['vosi:availability'] as Obj;
    expect(root['@xmlns:vosi']).toBe('http://www.ivoa.net/xml/VOSIAvailability/v1.0');
    expect(root['vosi:available']).toBe(true);
  });

  it('the ExecutionBroker standardID is configurable', async () => {
    const other = await start({ config: { standardID: 'ivo://example.org/std/EB-test' } });
    try {
      const r = await http(other, 'GET', '/capabilities');
      expect(r.text).toContain('standardID="ivo://example.org/std/EB-test"');
    } finally {
      await other.close();
    }
  });

  for (const method of ['POST', 'PUT', 'DELETE']) {
    for (const path of ['/capabilities', '/availability']) {
      it(`${method} ${path} is 405 with the error document`, async () => {
        const r = await http(b, method, path, { headers: { accept: MEDIA.json } });
        expect(r.status).toBe(405);
        expect(r.headers.allow).toContain('GET');
        expect(r.value.code).toBe('METHOD_NOT_ALLOWED');
        expect(errorsOf(r, 'error')).toEqual([]);
      });
    }
  }
});
