import { describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { startBroker } from '../../src/broker/index.js';
import { expiredOnArrival, offerProblem } from '../../src/aggregator/documents.js';
import { rewritingProxy } from '../support/rewriting-proxy.js';
import { aggregatorOver, call, messagesOf } from './helpers.js';

type Obj = Record<string, unknown>;

describe('offerProblem (why a lower offer is dropped)', () => {
  it('points into the offer at its place in the lower set, for schema findings and for the comparison alike', async () => {
    const broker = await startBroker({ db: ':memory:' });
    try {
      const request = executionRequest();
      const set = (await call(`${broker.url}/requests`, 'POST', request)).value;
      const offer = structuredClone((set.offers as Obj[])[0]!);
      expect(offerProblem(request, offer, 2)).toBeUndefined();
      // The comparison with the request: no cores at all is below what was asked.
      const few = structuredClone(offer);
      ((few.compute as Obj).cores as Obj) = { min: 0, max: 0 };
      expect(offerProblem(request, few, 2)).toMatch(/\(at \/offers\/2\/compute\/cores[^)]*\) \[EB-/);
      // The schema: a phase no session has.
      const odd = { ...structuredClone(offer), phase: 'SOMETIMES' };
      expect(offerProblem(request, odd, 1)).toMatch(/\(at \/offers\/1\/phase\)/);
    } finally {
      await broker.close();
    }
  });
});

describe('an offer that had expired when its broker sent it (EB-FED-09, EB-LIFE-12)', () => {
  const SECOND = 1000;
  const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  /** Offer 0 of every offer set the broker answers is made to expire early, as `expire` says. */
  async function federation(expire: (set: Obj, offer: Obj) => void) {
    const broker = await startBroker({ db: ':memory:' });
    const proxy = await rewritingProxy(broker.url, (req, text) => {
      if (req.method !== 'POST' || req.url !== '/requests') return text;
      const set = JSON.parse(text) as Obj;
      const first = (set.offers as Obj[] | undefined)?.[0];
      if (first) expire(set, first);
      return JSON.stringify(set);
    });
    const agg = await aggregatorOver([{ name: 'skewed', url: proxy.url, origins: [broker.url] }]);
    const close = async (): Promise<void> => {
      await agg.close();
      proxy.server.closeAllConnections();
      await new Promise<void>((done) => proxy.server.close(() => done()));
      await broker.close();
    };
    return { broker, agg, close };
  }

  it.each([
    [
      'it expires when its set was made (the set is invalid, so each offer is checked alone, without that time)',
      (set: Obj, offer: Obj) => (offer.expires = (set.meta as Obj).created),
    ],
    [
      'it expires before its own creation, its set made earlier (the set valid as a whole)',
      (set: Obj, offer: Obj) => {
        const made = Date.parse(String((set.meta as Obj).created));
        (offer.meta as Obj).created = iso(made + 60 * SECOND);
        offer.expires = iso(made + 30 * SECOND);
      },
    ],
  ] as const)('is dropped with a message naming its broker: %s', async (_what, expire) => {
    const direct = await federation(() => undefined);
    const skewed = await federation(expire);
    try {
      const request = executionRequest();
      const all = (await call(`${direct.agg.url}/requests`, 'POST', request)).value;
      const answer = await call(`${skewed.agg.url}/requests`, 'POST', request);
      expect(answer.status).toBe(303);
      const offers = answer.value.offers as Obj[];
      expect((all.offers as Obj[]).length).toBeGreaterThan(1);
      expect(offers).toHaveLength((all.offers as Obj[]).length - 1);
      for (const o of offers) expect(Date.parse(String(o.expires))).toBeGreaterThan(Date.now());
      const dropped = messagesOf(answer.value).filter((m) => m.kind === 'urn:ebkit:federation:offer-dropped');
      expect(dropped.map((m) => m.message)).toEqual([
        expect.stringMatching(/skewed.*it had expired \(expires [^)]+\) when its broker made it/),
      ]);
    } finally {
      await direct.close();
      await skewed.close();
    }
  });

  it("judges by the broker's own clock: a broker 10 minutes slow loses no offer", () => {
    // Everything a slow broker writes is 10 minutes early.
    const slow = Date.now() - 600 * SECOND;
    const made = iso(slow);
    expect(expiredOnArrival({ expires: iso(slow + 30 * SECOND) }, made)).toBeUndefined();
    expect(expiredOnArrival({ expires: iso(slow - 30 * SECOND) }, made)).toMatch(/had expired/);
    expect(
      expiredOnArrival({ expires: iso(slow - 30 * SECOND), meta: { created: iso(slow - 60 * SECOND) } }, undefined),
    ).toBeUndefined();
    expect(expiredOnArrival({ expires: iso(slow - 30 * SECOND) }, undefined)).toBeUndefined();
    expect(expiredOnArrival({ expires: iso(slow - 30 * SECOND) }, 'yesterday')).toBeUndefined();
    // Passed on by a lower aggregator: its set is on that aggregator's clock, ahead of the slow broker's offer.
    const aheadSet = iso(Date.now());
    const passedOn = {
      expires: iso(slow + 30 * SECOND),
      meta: { messages: [{ kind: 'urn:ebkit:federation:offered-by', level: 'INFO', message: 'Offered by broker c.' }] },
    };
    expect(expiredOnArrival(passedOn, aheadSet)).toBeUndefined();
    expect(expiredOnArrival({ ...passedOn, meta: { ...passedOn.meta, created: iso(slow) } }, aheadSet)).toBeUndefined();
    expect(expiredOnArrival({ expires: iso(slow + 30 * SECOND) }, aheadSet)).toMatch(/had expired/);
  });

  it("compares to the last digit written: a Java broker's offer expiring microseconds after its set is kept", () => {
    const created = '2026-08-14T10:55:00.197813204Z';
    expect(expiredOnArrival({ expires: '2026-08-14T10:55:00.197831836Z' }, created)).toBeUndefined();
    // Both round to .197 ms; the offer expires before its set was made, and the message quotes the time as written.
    expect(
      expiredOnArrival(
        { expires: '2026-08-14T10:55:00.1966Z', meta: { created: '2026-08-14T10:55:00.1974Z' } },
        undefined,
      ),
    ).toBe(
      'it had expired (expires 2026-08-14T10:55:00.1966Z) when its broker made it (at 2026-08-14T10:55:00.1974Z) [EB-LIFE-12]',
    );
  });
});
