import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, TRANSITIONS, optionsFor, checkTransition, SESSION_PHASES } from '../../src/broker/index.js';
import {
  EXAMPLE_REQUEST,
  MEDIA,
  T0,
  errorsOf,
  http,
  offersOf,
  phaseOf,
  start,
  submit,
  update,
  urlOf,
  type Obj,
} from './helpers.js';
import type { RunningBroker } from '../../src/broker/index.js';
import { validate } from '../../src/validate/index.js';

const open: RunningBroker[] = [];
async function broker(opts: Parameters<typeof start>[0] = {}): Promise<RunningBroker & { clock: ManualClock }> {
  const b = await start(opts);
  open.push(b);
  return b;
}
afterEach(async () => {
  for (const b of open.splice(0)) {
    expect(b.stats.internalErrors).toBe(0);
    await b.close();
  }
});

const MIN = 60_000;
/** The timings these clock-driven tests were written for (minutes-long phases on minute slots), pinned. */
const MINUTE_TIMINGS = { slotSeconds: 60, offerLifetime: 300, prepare: 'PT2M', release: 'PT1M', startup: 'PT5S' };

describe('transition table', () => {
  it('options are exactly the client transitions of each phase (EB-UPD-03/04)', () => {
    expect(optionsFor('OFFERED')).toEqual([
      { kind: 'uri:enum-value-option', path: 'phase', values: ['ACCEPTED', 'REJECTED'] },
    ]);
    for (const p of ['ACCEPTED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING'] as const) {
      expect(optionsFor(p)).toEqual([{ kind: 'uri:enum-value-option', path: 'phase', values: ['CANCELLED'] }]);
    }
    for (const p of ['RELEASING', 'COMPLETED', 'FAILED', 'CANCELLED', 'REJECTED', 'EXPIRED'] as const)
      expect(optionsFor(p)).toEqual([]);
  });

  it('terminal phases have no way out and nothing leads back to OFFERED', () => {
    for (const p of ['COMPLETED', 'FAILED', 'CANCELLED', 'REJECTED', 'EXPIRED'] as const) {
      for (const to of SESSION_PHASES) {
        expect(checkTransition(TRANSITIONS, p, to, 'client') || checkTransition(TRANSITIONS, p, to, 'service')).toBe(
          false,
        );
      }
    }
    expect(TRANSITIONS.some((t) => t.to === 'OFFERED')).toBe(false);
  });
});

describe('lifecycle over HTTP with a manual clock', () => {
  it('accepting one offer rejects its siblings; the accepted session advertises only CANCELLED', async () => {
    const b = await broker();
    const set = await submit(b);
    const offers = offersOf(set);
    expect(offers.length).toBeGreaterThanOrEqual(2);
    const acc = await update(b, urlOf(offers[0]!), 'ACCEPTED');
    expect(acc.status).toBe(200);
    expect(acc.value.phase).toBe('ACCEPTED');
    expect((acc.value.meta as Obj).options).toEqual([
      { kind: 'uri:enum-value-option', path: 'phase', values: ['CANCELLED'] },
    ]);
    expect(acc.value.expires).toBeUndefined();
    for (const sib of offers.slice(1)) expect(await phaseOf(b, urlOf(sib))).toBe('REJECTED');
    // the sibling can no longer be accepted: 409 OFFER_WITHDRAWN
    const again = await update(b, urlOf(offers[1]!), 'ACCEPTED');
    expect(again.status).toBe(409);
    expect(again.value.code).toBe('OFFER_WITHDRAWN');
    expect(errorsOf(again, 'error')).toEqual([]);
  });

  it('runs ACCEPTED → WAITING → PREPARING → AVAILABLE → RUNNING → RELEASING → COMPLETED as the clock moves', async () => {
    const b = await broker({ config: MINUTE_TIMINGS });
    const offer = offersOf(await submit(b))[0]!;
    const sched = offer.schedule as Record<string, Record<string, string>>;
    expect(sched.available!.start).toBe('2026-08-14T11:00:00Z/PT0S');
    await update(b, urlOf(offer), 'ACCEPTED');
    const seen: string[] = [];
    const at = async (iso: string): Promise<void> => {
      b.clock.set(iso);
      const r = await http(b, 'GET', new URL(urlOf(offer)).pathname, { headers: { accept: MEDIA.json } });
      expect(errorsOf(r, 'session')).toEqual([]);
      seen.push(r.value.phase as string);
    };
    await at('2026-08-14T10:55:00Z');
    await at('2026-08-14T10:56:00Z'); // prepare starts at 10:58
    await at('2026-08-14T10:59:00Z');
    await at('2026-08-14T11:00:01Z');
    await at('2026-08-14T11:30:00Z');
    await at('2026-08-14T12:00:30Z');
    await at('2026-08-14T12:05:00Z');
    expect(seen).toEqual(['ACCEPTED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING', 'RELEASING', 'COMPLETED']);
    const done = await http(b, 'GET', new URL(urlOf(offer)).pathname, { headers: { accept: MEDIA.json } });
    expect((done.value.meta as Obj).options).toBeUndefined();
    expect((done.value.compute as Obj).phase).toBe('COMPLETED');
  });

  it('offers expire at `expires`; accepting then is 409 OFFER_EXPIRED and the reservation is released', async () => {
    const b = await broker({ config: { cores: 4, memory: 8, storage: 20 } });
    const first = await submit(b);
    expect(first.value.result).toBe('YES');
    // the platform is fully booked by the live offers: a second request sees nothing
    const second = await submit(b);
    expect(second.value.result).toBe('NO');
    b.clock.advance(5 * MIN); // offer lifetime 300 s
    const offer = offersOf(first)[0]!;
    expect(await phaseOf(b, urlOf(offer))).toBe('EXPIRED');
    const late = await update(b, urlOf(offer), 'ACCEPTED');
    expect(late.status).toBe(409);
    expect(late.value.code).toBe('OFFER_EXPIRED');
    const third = await submit(b, { ...EXAMPLE_REQUEST, schedule: undefined });
    expect(third.value.result).toBe('YES');
  });

  it('an offer whose run would already be over is not accepted (409 OFFER_EXPIRED), not run as an instant COMPLETED', async () => {
    // Runs of 2 s on 60 s slots, offers living 300 s: the slot is over long before the offer expires.
    const b = await broker({ config: { ...MINUTE_TIMINGS, defaultDuration: 'PT2S' } });
    const [late] = offersOf(await submit(b, { ...EXAMPLE_REQUEST, schedule: undefined }));
    expect(late).toBeDefined();
    const startText = String((late!.schedule as Record<string, Record<string, string>>).available!.start);
    const start = Date.parse(startText.split('/')[0]!);
    b.clock.set(new Date(start + 60_000).toISOString());
    expect(await phaseOf(b, urlOf(late!))).toBe('OFFERED');
    const refused = await update(b, urlOf(late!), 'ACCEPTED');
    expect(refused.status).toBe(409);
    expect(refused.value.code).toBe('OFFER_EXPIRED');
    expect(String(refused.value.message)).toMatch(/can no longer be accepted: the run it offered ended at /);
    expect(await phaseOf(b, urlOf(late!))).toBe('OFFERED');
    // An offer accepted before its run ends is accepted and runs.
    const [fresh] = offersOf(await submit(b, { ...EXAMPLE_REQUEST, schedule: undefined }));
    const ok = await update(b, urlOf(fresh!), 'ACCEPTED');
    expect(ok.status).toBe(200);
    expect(ok.value.phase).toBe('ACCEPTED');
  });

  it('accepted within its hold of the planned preparing start, a session states the later preparing it will have', async () => {
    const b = await broker({ config: { ...MINUTE_TIMINGS, acceptedHold: 'PT30S' } });
    const [offer] = offersOf(await submit(b, { ...EXAMPLE_REQUEST, schedule: undefined }));
    const offered = offer!.schedule as Record<string, Record<string, string>>;
    const planned = Date.parse(offered.preparing!.start!);
    const ready = Date.parse(offered.available!.start!.split('/')[0]!);
    // The first slot prepares from now: accepted at once, it is held ACCEPTED for 30 s, so it prepares 30 s late.
    expect(planned).toBe(b.clock.now());
    const acc = await update(b, urlOf(offer!), 'ACCEPTED');
    expect(acc.value.phase).toBe('ACCEPTED');
    const stated = (acc.value.schedule as Record<string, Record<string, string>>).preparing!;
    expect(Date.parse(stated.start!) - planned).toBe(30_000);
    expect(ready - planned - 30_000).toBe(90_000);
    expect(stated.duration).toBe('PT1M30S');
    // Still ACCEPTED after the planned start, PREPARING from the start it now states, AVAILABLE when offered.
    b.clock.set(new Date(planned + 20_000).toISOString());
    expect(await phaseOf(b, urlOf(offer!))).toBe('ACCEPTED');
    b.clock.set(new Date(planned + 30_000).toISOString());
    expect(await phaseOf(b, urlOf(offer!))).toBe('PREPARING');
    b.clock.set(new Date(ready).toISOString());
    expect(await phaseOf(b, urlOf(offer!))).toBe('AVAILABLE');
    // Accepted more than its hold before the planned preparing start, a session keeps the plan it was offered.
    const prep = (o: Obj) => (o.schedule as Record<string, Record<string, string>>).preparing!;
    const later = offersOf(await submit(b, { ...EXAMPLE_REQUEST, schedule: undefined })).find(
      (o) => Date.parse(prep(o).start!) > b.clock.now() + 30_000,
    );
    expect(later).toBeDefined();
    const kept = await update(b, urlOf(later!), 'ACCEPTED');
    expect(kept.value.phase).toBe('ACCEPTED');
    expect(prep(kept.value)).toEqual(prep(later!));
  });

  it('accepted after its available start (its run not yet over), a session keeps the plan it was offered, and validates', async () => {
    const b = await broker({ config: { ...MINUTE_TIMINGS, acceptedHold: 'PT30S' } });
    const [offer] = offersOf(await submit(b, { ...EXAMPLE_REQUEST, schedule: undefined }));
    const offered = offer!.schedule as Record<string, Record<string, string>>;
    const ready = Date.parse(offered.available!.start!.split('/')[0]!);
    b.clock.set(new Date(ready + 10_000).toISOString());
    const acc = await update(b, urlOf(offer!), 'ACCEPTED');
    expect(acc.status, acc.text).toBe(200);
    expect((acc.value.schedule as Obj).preparing).toEqual(offered.preparing);
    const v = validate(acc.value, { type: 'session' });
    expect(v.findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('reject and cancel; a second cancel is 409 UPDATE_NOT_OFFERED', async () => {
    const b = await broker();
    const offers = offersOf(await submit(b));
    const rej = await update(b, urlOf(offers[0]!), 'REJECTED');
    expect(rej.value.phase).toBe('REJECTED');
    const acc = await update(b, urlOf(offers[1]!), 'ACCEPTED');
    expect(acc.value.phase).toBe('ACCEPTED');
    b.clock.set('2026-08-14T10:59:00Z');
    const cancel = await update(b, urlOf(offers[1]!), 'CANCELLED');
    expect(cancel.status).toBe(200);
    expect(cancel.value.phase).toBe('CANCELLED');
    const again = await update(b, urlOf(offers[1]!), 'CANCELLED');
    expect(again.status).toBe(409);
    expect(again.value.code).toBe('UPDATE_NOT_OFFERED');
    // an OFFERED session cannot be cancelled: not among its options
    const fresh = offersOf(await submit(b))[0]!;
    const bad = await update(b, urlOf(fresh), 'CANCELLED');
    expect(bad.status).toBe(409);
    expect(bad.value.code).toBe('UPDATE_NOT_OFFERED');
  });

  it('a configured fault fails the session when it would enter PREPARING', async () => {
    const b = await broker({ config: MINUTE_TIMINGS });
    const req = {
      ...EXAMPLE_REQUEST,
      executable: { ...(EXAMPLE_REQUEST.executable as Obj), meta: { name: 'ebkit-simulated-fault' } },
    };
    const offer = offersOf(await submit(b, req))[0]!;
    await update(b, urlOf(offer), 'ACCEPTED');
    b.clock.set('2026-08-14T10:59:00Z');
    const r = await http(b, 'GET', new URL(urlOf(offer)).pathname, { headers: { accept: MEDIA.json } });
    expect(r.value.phase).toBe('FAILED');
    expect(((r.value.meta as Obj).messages as Obj[])[0]!.kind).toBe('urn:test-trigger-failed');
    expect(errorsOf(r, 'session')).toEqual([]);
  });

  it('100 concurrent accepts on one offer set leave exactly one ACCEPTED', async () => {
    const b = await broker();
    const offers = offersOf(await submit(b));
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => update(b, urlOf(offers[i % offers.length]!), 'ACCEPTED')),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const phases = await Promise.all(offers.map((o) => phaseOf(b, urlOf(o))));
    expect(phases.filter((p) => p === 'ACCEPTED')).toHaveLength(1);
    expect(phases.filter((p) => p === 'REJECTED')).toHaveLength(offers.length - 1);
  });

  it('bearer mode: a session is visible and updatable only with the token that created it', async () => {
    const b = await broker({ auth: 'bearer' });
    const anon = await submit(b);
    expect(anon.status).toBe(401);
    expect(anon.value.code).toBe('UNAUTHENTICATED');
    const mine = await http(b, 'POST', '/requests', {
      body: JSON.stringify(EXAMPLE_REQUEST),
      headers: { 'content-type': MEDIA.json, accept: MEDIA.json, authorization: 'Bearer alice' },
    });
    expect(mine.status).toBe(303);
    const url = new URL(urlOf(offersOf(mine)[0]!)).pathname;
    expect((await http(b, 'GET', url, { headers: { authorization: 'Bearer alice' } })).status).toBe(200);
    expect((await http(b, 'GET', url, { headers: { authorization: 'Bearer mallory' } })).status).toBe(404);
    expect((await http(b, 'GET', url)).status).toBe(404);
    // Its update by another token is refused as not theirs (spec §6.4), and without a token as unauthenticated.
    const theirs = await update(b, `${b.url}${url}`, 'ACCEPTED', { authorization: 'Bearer mallory' });
    expect([theirs.status, theirs.value.code]).toEqual([403, 'NOT_OWNER']);
    const anonymous = await update(b, `${b.url}${url}`, 'ACCEPTED');
    expect([anonymous.status, anonymous.value.code, anonymous.headers['www-authenticate']]).toEqual([
      401,
      'UNAUTHENTICATED',
      'Bearer',
    ]);
    expect(
      (await http(b, 'GET', new URL(mine.headers.location!).pathname, { headers: { authorization: 'Bearer mallory' } }))
        .status,
    ).toBe(404);
    expect((await update(b, `${b.url}${url}`, 'ACCEPTED', { authorization: 'Bearer alice' })).status).toBe(200);
  });
});

describe('restart with a file database', () => {
  it('keeps offer sets and sessions; phases and expiries continue from the stored times', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-broker-'));
    const db = join(dir, 'broker.sqlite');
    try {
      const a = await start({ db });
      const set = await submit(a);
      const offers = offersOf(set);
      await update(a, urlOf(offers[0]!), 'ACCEPTED');
      const other = offersOf(await submit(a))[0]!;
      await a.close();

      const b = await broker({ db, clock: new ManualClock('2026-08-14T11:30:00Z') });
      // the accepted session moved on while the broker was down; the untouched offer expired
      const s = await http(b, 'GET', new URL(urlOf(offers[0]!)).pathname, { headers: { accept: MEDIA.json } });
      expect(s.status).toBe(200);
      expect(s.value.phase).toBe('RUNNING');
      expect(await phaseOf(b, urlOf(other))).toBe('EXPIRED');
      const again = await http(b, 'GET', new URL(set.headers.location!).pathname, { headers: { accept: MEDIA.json } });
      expect(again.status).toBe(200);
      expect(offersOf(again).map((o) => o.phase)).toEqual(['RUNNING', ...offers.slice(1).map(() => 'REJECTED')]);
      // URLs now carry the new listening address, the identities stay
      expect((again.value.meta as Obj).uuid).toBe((set.value.meta as Obj).uuid);
      expect(T0).toBeLessThan(b.clock.now());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
