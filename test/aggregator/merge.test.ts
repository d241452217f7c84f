import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { validate } from '../../src/validate/index.js';
import { summarizeOffer, totalCost } from '../../src/client/index.js';
import type { RunningAggregator } from '../../src/aggregator/index.js';
import { ManualClock } from '../../src/broker/clock.js';
import { accept, aggregatorOver, brokerList, call, messagesOf, startThree, type Federation } from './helpers.js';

type Obj = Record<string, unknown>;

describe('merging three reference brokers', () => {
  let fed: Federation;
  let agg: RunningAggregator;
  beforeAll(async () => {
    fed = await startThree({ config: { offerLifetime: 120 } });
    agg = await aggregatorOver(brokerList(fed), { config: { best: 2 } });
  });
  afterAll(async () => {
    await agg?.close();
    await fed?.close();
  });

  it('keeps the best 2 offers of each broker, cheapest first, as one valid offer set under its own URLs (EB-FED-02, -03)', async () => {
    const res = await call(`${agg.url}/requests`, 'POST', executionRequest());
    expect(res.status).toBe(303);
    expect(res.headers['location']).toMatch(new RegExp(`^${agg.url}/offersets/[0-9a-f-]{36}$`));
    expect(validate(res.value, { type: 'offerset' }).findings.filter((f) => f.level === 'error')).toEqual([]);
    const offers = res.value.offers as Obj[];
    const by = offers.map((o) => summarizeOffer(o).offeredBy);
    expect(by.filter((b) => b === 'east')).toHaveLength(2);
    expect(by.filter((b) => b === 'west')).toHaveLength(2);
    expect(by.filter((b) => b === 'north')).toHaveLength(2);
    const costs = offers.map((o) => totalCost(summarizeOffer(o)) ?? Infinity);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    for (const o of offers) expect(String((o.meta as Obj).url)).toMatch(new RegExp(`^${agg.url}/sessions/`));
    expect(messagesOf(res.value).find((m) => m.kind === 'urn:ebkit:federation:route')?.message).toBe(
      'Asked east, west, north (no routing constraint applied).',
    );
  });

  it('forwards an acceptance to the broker that made the offer and rejects every sibling at every broker (EB-FED-04, -05)', async () => {
    const set = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
    const offers = set.offers as Obj[];
    const chosen = offers[1]!;
    const res = await call(String((chosen.meta as Obj).url), 'POST', accept('ACCEPTED'));
    expect(res.status).toBe(200);
    expect(res.value.phase).toBe('ACCEPTED');
    const rows = agg.store.sessionsOf(String((set.meta as Obj).uuid));
    const lower = await Promise.all(rows.map(async (r) => ({ r, doc: (await call(r.remote!)).value })));
    // Fast test brokers move an accepted session on within a fraction of a second.
    const accepted = lower.filter((l) => !['OFFERED', 'REJECTED', 'EXPIRED'].includes(String(l.doc.phase)));
    expect(accepted.map((l) => l.r.uuid)).toEqual([(chosen.meta as Obj).uuid]);
    expect(lower.filter((l) => l.r.uuid !== (chosen.meta as Obj).uuid).map((l) => l.doc.phase)).toEqual(
      rows.slice(1).map(() => 'REJECTED'),
    );
    const sibling = await call(String((offers[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'));
    expect(sibling.status).toBe(409);
    expect(sibling.value.code).toBe('OFFER_WITHDRAWN');
  });

  it('leaves exactly one ACCEPTED across all brokers after 100 concurrent accepts of one merged set (EB-FED-05)', async () => {
    const set = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
    const urls = (set.offers as Obj[]).map((o) => String((o.meta as Obj).url));
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => call(urls[i % urls.length]!, 'POST', accept('ACCEPTED'))),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409)).toBe(true);
    const rows = agg.store.sessionsOf(String((set.meta as Obj).uuid));
    const phases = await Promise.all(rows.map(async (r) => (await call(r.remote!)).value.phase));
    expect(phases.filter((p) => !['OFFERED', 'REJECTED', 'EXPIRED'].includes(String(p)))).toHaveLength(1);
    expect(phases.filter((p) => p === 'OFFERED')).toHaveLength(0);
  });

  it("answers NO with every broker's reasons when none can offer (EB-FED-07)", async () => {
    const res = await call(`${agg.url}/requests`, 'POST', executionRequest({ cores: { min: 500, max: 600 } }));
    expect(res.value.result).toBe('NO');
    expect(res.value.offers).toEqual([]);
    const no = messagesOf(res.value).filter((m) => m.kind === 'urn:ebkit:federation:broker-no');
    expect(no.map((m) => m.values.broker).sort()).toEqual(['east', 'north', 'west']);
    for (const m of no) expect(m.message).toMatch(/^Broker \w+ answered NO: .*core/i);
    // Each reason is said once: the broker's warning is quoted by its NO (which takes the warning's level), not
    // relayed a second time beside it.
    for (const m of no) expect(m.level).toBe('WARN');
    const relayed = messagesOf(res.value).filter((m) => m.kind === 'urn:ebkit:federation:relayed');
    expect(relayed.filter((r) => no.some((m) => String(m.values.reasons).includes(String(r.values.text))))).toEqual([]);
  });

  it('serves the merged set again from its own URL, each offer read from its broker (EB-FED-10)', async () => {
    const first = await call(`${agg.url}/requests`, 'POST', executionRequest());
    const again = await call(first.headers['location']!);
    expect(again.status).toBe(200);
    expect((again.value.offers as Obj[]).map((o) => (o.meta as Obj).uuid)).toEqual(
      (first.value.offers as Obj[]).map((o) => (o.meta as Obj).uuid),
    );
    const cancelled = await call(
      String(((first.value.offers as Obj[])[0]!.meta as Obj).url),
      'POST',
      accept('REJECTED'),
    );
    expect(cancelled.value.phase).toBe('REJECTED');
    const row = agg.store.getSession(String(((first.value.offers as Obj[])[0]!.meta as Obj).uuid))!;
    expect((await call(row.remote!)).value.phase).toBe('REJECTED');
  });
});

describe('reading a proxied session again', () => {
  it('keeps the time of its offered-by message and writes nothing when the broker changed nothing', async () => {
    const fed = await startThree({ config: { offerLifetime: 600 } });
    const clock = new ManualClock();
    const agg = await aggregatorOver(brokerList(fed).slice(0, 1), { clock });
    try {
      const set = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
      const url = String(((set.offers as Obj[])[0]!.meta as Obj).url);
      const offeredBy = (doc: Obj) => messagesOf(doc).find((m) => m.kind === 'urn:ebkit:federation:offered-by');
      const first = (await call(url)).value;
      const writes: string[] = [];
      const putDoc = agg.store.putDoc.bind(agg.store);
      agg.store.putDoc = (uuid: string, doc: string) => {
        writes.push(uuid);
        putDoc(uuid, doc);
      };
      clock.advance(90_000);
      const again = (await call(url)).value;
      expect(offeredBy(again)).toEqual(offeredBy(first));
      expect(again).toEqual(first);
      expect(writes).toEqual([]);
      // A change below is still taken and stored, the offered-by message as it was.
      await call(url, 'POST', accept('REJECTED'));
      const rejected = (await call(url)).value;
      expect(rejected.phase).toBe('REJECTED');
      expect(offeredBy(rejected)).toEqual(offeredBy(first));
      expect(writes.length).toBeGreaterThan(0);
    } finally {
      await agg.close();
      await fed.close();
    }
  });
});
