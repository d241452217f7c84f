import { afterEach, describe, expect, it } from 'vitest';
import { SessionRepresentations } from '../../src/broker/http/representations.js';
import type { SessionRow } from '../../src/broker/store.js';
import type { RunningBroker } from '../../src/broker/index.js';
import { MEDIA, http, offersOf, start, submit, update, urlOf, type Obj } from './helpers.js';

const ROW: SessionRow = {
  uuid: '01900000-0000-7000-8000-000000000001',
  offerset: '01900000-0000-7000-8000-000000000000',
  idx: 0,
  owner: null,
  created: 1000,
  modified: 1000,
  cores: 1,
  memory: 1,
  storage: 0,
  nextChange: null,
  body: '{}',
  messages: '[]',
  phase: 'OFFERED',
  expires: 5000,
  acceptedAt: null,
  prepareStart: 2000,
  availableStart: 3000,
  runEnd: 4000,
  releaseEnd: 4500,
  acceptedHold: 0,
  startup: 0,
  faultPhase: null,
};

describe('SessionRepresentations', () => {
  it('gives the remembered text only for the same row state and variant', () => {
    const r = new SessionRepresentations();
    r.set(ROW, 'json http://a', 'offered');
    expect(r.get({ ...ROW }, 'json http://a')).toBe('offered');
    expect(r.get(ROW, 'yaml http://a')).toBeUndefined();
    expect(r.get(ROW, 'json http://b')).toBeUndefined();
    expect(r.get({ ...ROW, phase: 'ACCEPTED' }, 'json http://a')).toBeUndefined();
    expect(r.get({ ...ROW, modified: 1001 }, 'json http://a')).toBeUndefined();
    expect(r.get({ ...ROW, acceptedAt: 1000 }, 'json http://a')).toBeUndefined();
    r.set({ ...ROW, phase: 'ACCEPTED', modified: 1001 }, 'json http://a', 'accepted');
    expect(r.get(ROW, 'json http://a')).toBeUndefined();
    expect(r.get({ ...ROW, phase: 'ACCEPTED', modified: 1001 }, 'json http://a')).toBe('accepted');
  });

  it('holds at most its limit, dropping the oldest entry first', () => {
    const r = new SessionRepresentations(3);
    const rows = [1, 2, 3, 4].map((n) => ({ ...ROW, uuid: `u${n}` }));
    for (const row of rows) r.set(row, 'json', row.uuid);
    expect(r.size).toBe(3);
    expect(r.get(rows[0]!, 'json')).toBeUndefined();
    expect(rows.slice(1).map((row) => r.get(row, 'json'))).toEqual(['u2', 'u3', 'u4']);
  });
});

describe('GET /sessions/{uuid} with remembered representations', () => {
  const open: RunningBroker[] = [];
  afterEach(async () => {
    for (const b of open.splice(0)) {
      expect(b.stats.internalErrors).toBe(0);
      await b.close();
    }
  });

  it('answers each format in that format, and a changed session as it now is', async () => {
    const b = await start();
    open.push(b);
    const offers = offersOf(await submit(b));
    const path = new URL(urlOf(offers[0]!)).pathname;
    const get = (accept: string) => http(b, 'GET', path, { headers: { accept } });

    const json1 = await get(MEDIA.json);
    const yaml = await get(MEDIA.yaml);
    const json2 = await get(MEDIA.json);
    expect([json1.format, yaml.format, json2.format]).toEqual(['json', 'yaml', 'json']);
    expect(yaml.value).toEqual(json1.value);
    expect(json2.text).toBe(json1.text);
    expect(json1.value.phase).toBe('OFFERED');
    const sibling = new URL(urlOf(offers[1]!)).pathname;
    expect((await http(b, 'GET', sibling, { headers: { accept: MEDIA.json } })).value.phase).toBe('OFFERED');

    expect((await update(b, urlOf(offers[0]!), 'ACCEPTED')).status).toBe(200);
    const after = await get(MEDIA.json);
    expect(after.value.phase).toBe('ACCEPTED');
    expect((after.value.meta as Obj).options).toEqual([
      { kind: 'uri:enum-value-option', path: 'phase', values: ['CANCELLED'] },
    ]);
    // A sibling rejected by that acceptance is not shown as the OFFERED it was remembered as.
    expect((await http(b, 'GET', sibling, { headers: { accept: MEDIA.json } })).value.phase).toBe('REJECTED');
  });

  it('shows an offer EXPIRED once its expiry passes, though nothing wrote to it', async () => {
    const b = await start();
    open.push(b);
    const offer = offersOf(await submit(b))[0]!;
    const path = new URL(urlOf(offer)).pathname;
    expect((await http(b, 'GET', path, { headers: { accept: MEDIA.json } })).value.phase).toBe('OFFERED');
    b.clock.set(new Date(Date.parse(String(offer.expires)) + 1000).toISOString());
    const later = await http(b, 'GET', path, { headers: { accept: MEDIA.json } });
    expect(later.value.phase).toBe('EXPIRED');
    expect(later.value.expires).toBeUndefined();
  });
});
