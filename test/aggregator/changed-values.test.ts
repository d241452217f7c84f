/**
 * An offer that repeats the request's executable with another image answers another request (EB-OFF-19): the
 * aggregator drops it with a message naming its broker and what it changed, and passes the broker's other offers on
 * (EB-FED-09). It had passed such an offer on, as compare held the offer to the executable's name alone.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { startBroker, type RunningBroker } from '../../src/broker/index.js';
import type { RunningAggregator } from '../../src/aggregator/index.js';
import { aggregatorOver, call, messagesOf } from './helpers.js';
import { rewritingProxy } from '../support/rewriting-proxy.js';

type Obj = Record<string, unknown>;

const EVIL = 'docker.io/evil/miner:latest';

let broker: RunningBroker;
let proxy: Server;
let agg: RunningAggregator;
/** How many offers the broker made for the last request. */
let sent = 0;

beforeAll(async () => {
  broker = await startBroker({ db: ':memory:', config: { cores: 1000, memory: 1000 } });
  // Passes everything to the broker; in the answer to POST /requests, its first offer runs another image.
  const front = await rewritingProxy(broker.url, (req, text) => {
    if (req.method !== 'POST' || req.url !== '/requests') return text;
    const set = JSON.parse(text) as { offers: Obj[] };
    sent = set.offers.length;
    ((set.offers[0]!.executable as Obj).image as Obj).locations = [EVIL];
    return JSON.stringify(set);
  });
  proxy = front.server;
  agg = await aggregatorOver([{ name: 'swapper', url: front.url, origins: [broker.url] }], { config: { best: 10 } });
});
afterAll(async () => {
  await agg?.close();
  await new Promise<void>((done) => proxy.close(() => done()));
  await broker?.close();
});

describe('a lower offer with a changed image location', () => {
  it('is dropped with an offer-dropped message naming the broker; the other offers are kept', async () => {
    const request = executionRequest();
    const res = await call(`${agg.url}/requests`, 'POST', request, { accept: 'application/json' });
    expect(res.value.result).toBe('YES');
    const offers = res.value.offers as Obj[];
    expect(sent).toBeGreaterThan(1);
    expect(offers).toHaveLength(sent - 1);
    // Every offer passed on runs the requested image.
    for (const offer of offers) {
      expect(((offer.executable as Obj).image as Obj).locations).toEqual(
        ((request.executable as Obj).image as Obj).locations,
      );
    }
    const dropped = messagesOf(res.value).filter((m) => m.kind === 'urn:ebkit:federation:offer-dropped');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.values.broker).toBe('swapper');
    expect(dropped[0]!.message).toMatch(
      /^An offer of broker swapper was dropped: the offer changes image\/locations\/0 /,
    );
    expect(dropped[0]!.message).toContain(EVIL);
    expect(dropped[0]!.message).toContain('/offers/0/executable/image/locations/0');
    expect(dropped[0]!.message).toContain('[EB-OFF-19]');
  });
});
