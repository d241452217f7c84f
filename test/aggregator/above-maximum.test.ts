/**
 * An offer above the request's maximum breaks a SHOULD (EB-OFF-05), not the offer set: the aggregator passes it on,
 * ranked after the offers within the request, and says so once per broker (it had passed it silently, first when
 * it was cheapest).
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { startBroker, type RunningBroker } from '../../src/broker/index.js';
import type { RunningAggregator } from '../../src/aggregator/index.js';
import { aggregatorOver, call, messagesOf } from './helpers.js';
import { rewritingProxy } from '../support/rewriting-proxy.js';

type Obj = Record<string, unknown>;

/** Cores no request of this test allows (its maximum is 2). */
const TOO_MANY = { min: 64, max: 64 };

let broker: RunningBroker;
let proxy: Server;
let agg: RunningAggregator;
/** When set, the second offer loses its phase, so the set is not valid as a whole and each offer is checked alone. */
let breakSecond = false;

beforeAll(async () => {
  broker = await startBroker({ db: ':memory:', config: { cores: 1000, memory: 1000 } });
  // Passes everything to the broker; in the answer to POST /requests, its first offer gets 64 cores.
  const front = await rewritingProxy(broker.url, (req, text) => {
    if (req.method !== 'POST' || req.url !== '/requests') return text;
    const set = JSON.parse(text) as { offers: Obj[] };
    (set.offers[0]!.compute as Obj).cores = TOO_MANY;
    if (breakSecond) delete set.offers[1]!.phase;
    return JSON.stringify(set);
  });
  proxy = front.server;
  const url = front.url;
  agg = await aggregatorOver([{ name: 'generous', url, origins: [broker.url] }], { config: { best: 10 } });
});
afterAll(async () => {
  await agg?.close();
  await new Promise<void>((done) => proxy.close(() => done()));
  await broker?.close();
});

describe('an offer above the requested maximum', () => {
  it('is passed on, ranked last, with one WARN naming the broker and what it exceeds (EB-OFF-05)', async () => {
    const request = executionRequest();
    const res = await call(`${agg.url}/requests`, 'POST', request, { accept: 'application/json' });
    expect(res.value.result).toBe('YES');
    const offers = res.value.offers as Obj[];
    expect(offers.length).toBeGreaterThan(1);
    // The generous offer is there, and last.
    expect(offers.map((o) => (o.compute as Obj).cores)).toContainEqual(TOO_MANY);
    expect((offers.at(-1)!.compute as Obj).cores).toEqual(TOO_MANY);
    const warned = messagesOf(res.value).filter((m) => m.kind === 'urn:ebkit:federation:above-maximum');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.values).toMatchObject({ broker: 'generous', count: '1' });
    expect(warned[0]!.message).toMatch(/^Broker generous made 1 offer\(s\) above the request's maximum \(.*cores.*\)/);
  });

  it('is told the same when its set is checked offer by offer (another offer of it is invalid)', async () => {
    breakSecond = true;
    try {
      const res = await call(`${agg.url}/requests`, 'POST', executionRequest(), { accept: 'application/json' });
      expect(res.value.result).toBe('YES');
      const offers = res.value.offers as Obj[];
      expect((offers.at(-1)!.compute as Obj).cores).toEqual(TOO_MANY);
      const kinds = messagesOf(res.value).map((m) => m.kind);
      expect(kinds.filter((k) => k === 'urn:ebkit:federation:above-maximum')).toHaveLength(1);
      expect(kinds).toContain('urn:ebkit:federation:offer-dropped');
    } finally {
      breakSecond = false;
    }
  });
});
