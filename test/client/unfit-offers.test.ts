/**
 * The client for many brokers leaves out a valid offer that cannot be accepted for the request (another image than
 * the request fixed, fewer cores than its minimum), as the aggregator drops it (EB-FED-09); and a reject of an offer that is
 * already over (expired, or withdrawn when a sibling was accepted) is a success, with the phase it is in.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAggregator } from '../../src/aggregator/index.js';
import { ManualClock, startBroker } from '../../src/broker/index.js';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { acceptOffer, pickOffer, rejectOffer, requestOffers } from '../../src/client/index.js';

type Obj = Record<string, unknown>;
const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
/** The probe request, asking for 2 cores at least. */
function twoCores(): Obj {
  const request = executionRequest();
  (request.compute as Obj).cores = { min: 2, max: 2 };
  return request;
}

/** A reference offer set for the probe request, made on the broker at `url`. */
async function offerSet(url: string): Promise<Obj> {
  const res = await fetch(`${url}/requests`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify(executionRequest()),
  });
  return (await res.json()) as Obj;
}

describe('requestOffers leaves out the offers the aggregator drops', () => {
  let canned: { url: string; close: () => Promise<void> };
  let sent: Obj;
  beforeAll(async () => {
    const broker = await startBroker({ db: ':memory:' });
    const set = await offerSet(broker.url);
    await broker.close();
    const offers = set.offers as Obj[];
    expect(offers.length).toBeGreaterThanOrEqual(3);
    // For a request of at least 2 cores: offer 0 runs another image than the request fixed, offer 1 gives 1 core.
    const executable = offers[0]!.executable as { image: { locations: string[] } };
    executable.image.locations = ['ghcr.io/example/another-tool:1.0'];
    for (const [i, cores] of [2, 1, 2].entries()) (offers[i]!.compute as Obj).cores = { min: cores, max: cores };
    let body = '';
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    body = JSON.stringify(set).split(broker.url).join(url);
    sent = JSON.parse(body) as Obj;
    canned = { url, close: () => new Promise<void>((done) => server.close(() => done())) };
  });
  afterAll(async () => {
    await canned.close();
  });

  it('keeps only the offers that answer the request, says why the first was left out, and never picks one', async () => {
    const result = await requestOffers(twoCores(), [{ name: 'canned', url: canned.url }]);
    const a = result.answers[0]!;
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    const offers = sent.offers as { meta: { url: string } }[];
    expect(result.offers.map((o) => o.url)).toEqual(offers.slice(2).map((o) => o.meta.url));
    expect(a.notes).toHaveLength(1);
    expect(a.notes[0]).toMatch(
      /^2 offer\(s\) left out: they cannot be accepted for this request \(the first, \/offers\/0: the offer changes image\/locations\/0 .*\[EB-OFF-19\]\)$/,
    );
    expect(pickOffer(result.offers, 'start')?.url).toBe(offers[2]!.meta.url);
  });

  it('the aggregator over the same broker passes on the same offers', async () => {
    const agg = await startAggregator({ db: ':memory:', upstreams: [canned.url] });
    try {
      const direct = await requestOffers(twoCores(), [{ name: 'canned', url: canned.url }]);
      const through = await requestOffers(twoCores(), [{ name: 'agg', url: agg.url }]);
      expect(through.offers.map((o) => o.summary.startMs)).toEqual(direct.offers.map((o) => o.summary.startMs));
      expect(through.offers).toHaveLength(direct.offers.length);
    } finally {
      await agg.close();
    }
  });
});

describe('rejectOffer of an offer that is already over', () => {
  it('is ok with the phase the session is in: EXPIRED after its expiry, REJECTED once a sibling was accepted', async () => {
    const clock = new ManualClock('2026-06-01T10:00:00Z');
    const broker = await startBroker({ db: ':memory:', clock });
    try {
      const urls = ((await offerSet(broker.url)).offers as { meta: { url: string } }[]).map((o) => o.meta.url);
      expect(urls.length).toBeGreaterThanOrEqual(2);
      const accepted = await acceptOffer(urls[0]!);
      expect(accepted.ok && accepted.phase).toBe('ACCEPTED');
      const sibling = await rejectOffer(urls[1]!);
      expect(sibling.ok ? sibling.phase : sibling.reason).toBe('REJECTED');

      const later = (await offerSet(broker.url)).offers as { meta: { url: string }; expires: string }[];
      clock.set(Date.parse(later[0]!.expires) + 60_000);
      const expired = await rejectOffer(later[0]!.meta.url);
      expect(expired.ok ? expired.phase : expired.reason).toBe('EXPIRED');
      // Accepting it is refused, and the refusal says the phase it is in.
      const late = await acceptOffer(later[1]!.meta.url);
      expect(late.ok).toBe(false);
      expect(late.phase).toBe('EXPIRED');
    } finally {
      await broker.close();
    }
  });
});
