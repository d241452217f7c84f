import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { KINDS } from '../../src/model/index.js';
import { createBroker, ManualClock } from '../../src/broker/index.js';
import { startAggregator, type RunningAggregator } from '../../src/aggregator/index.js';
import {
  accept,
  aggregatorOver,
  brokerList,
  call,
  freePort,
  messagesOf,
  startFaulty,
  startThree,
  type Fault,
  type Federation,
} from './helpers.js';

type Obj = Record<string, unknown>;

describe('hostile and failing lower brokers (EB-FED-06, -09, -15)', () => {
  const faults: Fault[] = ['stall', 'huge', 'redirect-loop', 'invalid', '5xx', 'garbage'];
  let fed: Federation;
  let agg: RunningAggregator;
  let bad: Awaited<ReturnType<typeof startFaulty>>[];
  beforeAll(async () => {
    fed = await startThree();
    bad = await Promise.all(faults.map((f) => startFaulty(f)));
    const dead = `http://127.0.0.1:${await freePort()}`;
    agg = await aggregatorOver(
      [
        ...brokerList(fed).slice(0, 1),
        ...faults.map((f, i) => ({ name: f, url: bad[i]!.url })),
        { name: 'unreachable', url: dead },
      ],
      { config: { upstreamTimeout: 1 } },
    );
  });
  afterAll(async () => {
    await agg?.close();
    await Promise.all((bad ?? []).map((b) => b.close()));
    await fed?.close();
  });

  it("costs each bad broker one message naming it, and keeps the good broker's offers", async () => {
    const res = await call(`${agg.url}/requests`, 'POST', executionRequest());
    expect(res.value.result).toBe('YES');
    expect((res.value.offers as Obj[]).length).toBeGreaterThan(0);
    const msgs = messagesOf(res.value);
    const named = (b: string) =>
      msgs.filter((m) => m.values.broker === b && m.kind !== 'urn:ebkit:federation:offered-by');
    expect(named('stall').map((m) => m.message)).toEqual(['Broker stall made no offers: it no answer within 1 s.']);
    expect(named('huge').map((m) => m.message)).toEqual([
      'Broker huge made no offers: it sent a body over the size limit.',
    ]);
    expect(named('redirect-loop').map((m) => m.message)).toEqual([
      'Broker redirect-loop made no offers: it redirected too many times.',
    ]);
    expect(named('5xx').map((m) => m.message)).toEqual([
      'Broker 5xx made no offers: it answered HTTP 500 INTERNAL_ERROR.',
    ]);
    expect(named('garbage').map((m) => m.message)).toEqual([
      'Broker garbage made no offers: it answered 200 with a body that is not well-formed JSON, YAML or XML.',
    ]);
    expect(named('unreachable').map((m) => m.message)).toEqual([
      'Broker unreachable made no offers: it refused the connection.',
    ]);
    const invalid = named('invalid');
    expect(invalid.map((m) => m.kind)).toEqual([
      'urn:ebkit:federation:offer-dropped',
      'urn:ebkit:federation:broker-failed',
    ]);
    expect(invalid[0]!.message).toMatch(
      /^An offer of broker invalid was dropped: its meta.url is on http:\/\/evil.invalid, not on the broker's origin http:\/\/127.0.0.1:\d+ \(if that is the same service, list http:\/\/evil.invalid under the broker's origins in the aggregator's config\)/,
    );
    for (const o of res.value.offers as Obj[]) expect(JSON.stringify(o)).not.toContain('evil.invalid');
    expect(agg.stats.internalErrors).toBe(0);
  });
});

describe('a restart of the aggregator', () => {
  let fed: Federation;
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-agg-'));
  beforeAll(async () => {
    fed = await startThree({ config: { offerLifetime: 120 } });
  });
  afterAll(async () => {
    await fed?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every session mapping in its SQLite file', async () => {
    const db = join(dir, 'agg.sqlite');
    const port = await freePort();
    const first = await aggregatorOver(brokerList(fed), { db, port });
    const set = (await call(`${first.url}/requests`, 'POST', executionRequest())).value;
    const id = first.service.id;
    await first.close();
    const second = await aggregatorOver(brokerList(fed), { db, port });
    try {
      expect(second.service.id).toBe(id);
      const again = await call(String((set.meta as Obj).url));
      expect(again.status).toBe(200);
      expect((again.value.offers as Obj[]).map((o) => (o.meta as Obj).uuid)).toEqual(
        (set.offers as Obj[]).map((o) => (o.meta as Obj).uuid),
      );
      const url = String(((set.offers as Obj[])[0]!.meta as Obj).url);
      const taken = await call(url, 'POST', accept('ACCEPTED'));
      expect(taken.status).toBe(200);
      expect(taken.value.phase).not.toBe('OFFERED');
    } finally {
      await second.close();
    }
  });
});

describe('phases from below', () => {
  it('shows EXPIRED when the lower broker expires the offer (EB-FED-10)', async () => {
    const clock = new ManualClock(Date.now());
    const broker = createBroker({ db: ':memory:', clock });
    const url = await broker.listen();
    const agg = await aggregatorOver([{ name: 'manual', url }]);
    try {
      const set = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
      const offer = String(((set.offers as Obj[])[0]!.meta as Obj).url);
      expect((await call(offer)).value.phase).toBe('OFFERED');
      clock.advance(3600_000);
      expect((await call(offer)).value.phase).toBe('EXPIRED');
      const late = await call(offer, 'POST', accept('ACCEPTED'));
      expect([late.status, late.value.code]).toEqual([409, 'OFFER_EXPIRED']);
    } finally {
      await agg.close();
      await broker.close();
    }
  });
});

describe('nesting and loops (EB-FED-08)', () => {
  it('answers NO with a loop message when a request comes back to an aggregator', async () => {
    const portA = await freePort();
    const b = await startAggregator({
      db: ':memory:',
      config: { id: 'agg-b', upstreamTimeout: 2, brokers: [{ name: 'a', url: `http://127.0.0.1:${portA}` }] },
    });
    const a = await startAggregator({
      db: ':memory:',
      port: portA,
      config: { id: 'agg-a', upstreamTimeout: 2, brokers: [{ name: 'b', url: b.url }] },
    });
    try {
      const res = await call(`${a.url}/requests`, 'POST', executionRequest());
      expect(res.value.result).toBe('NO');
      const no = messagesOf(res.value).find((m) => m.kind === 'urn:ebkit:federation:broker-no');
      expect(no?.message).toMatch(
        /^Broker b answered NO: .*Broker a answered NO: .*already passed through aggregator agg-a/,
      );
      const direct = await call(`${a.url}/requests`, 'POST', executionRequest(), { via: '1.1 proxy, 1.1 agg-a' });
      expect(messagesOf(direct.value).map((m) => m.kind)).toEqual(['urn:ebkit:federation:loop']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('routing (EB-FED-13, -14)', () => {
  let fed: Federation;
  let agg: RunningAggregator;
  beforeAll(async () => {
    fed = await startThree();
    const list = brokerList(fed);
    list[2] = { ...list[2]!, executableKinds: [KINDS.JupyterNotebook] };
    agg = await aggregatorOver(list);
  });
  afterAll(async () => {
    await agg?.close();
    await fed?.close();
  });
  const route = async (request: Obj) => {
    const res = await call(`${agg.url}/requests`, 'POST', request);
    return messagesOf(res.value).find((m) => m.kind === 'urn:ebkit:federation:route')?.message;
  };
  const withData = (data: Obj): Obj => ({
    ...executionRequest(),
    data: [{ kind: data.kind, meta: { name: 'input' }, ...data }],
  });

  it('sends a request only to the broker holding its data, and says so', async () => {
    expect(
      await route(withData({ kind: KINDS.SimpleDataResource, location: 'https://data.east.example/obs/1.fits' })),
    ).toBe(
      'Asked east: by data location: east (data at https://data.east.example/obs/1.fits); left out west, north (no declared copy of the data).',
    );
    expect(await route(withData({ kind: KINDS.RucioDataResource, rucio: { scope: 'west-scope', object: 'x' } }))).toBe(
      'Asked west: by data location: west (Rucio scope west-scope); left out east, north (no declared copy of the data).',
    );
    expect(
      await route(
        withData({
          kind: KINDS.SkaoDataResource,
          skao: {
            namespace: 'n',
            objectname: 'o',
            replicas: [{ rsename: 'EAST_SE', dataurl: 'https://se.example/o' }],
          },
        }),
      ),
    ).toMatch(/^Asked east: by data location: east \(storage element EAST_SE\)/);
  });

  it('leaves out a broker whose capabilities do not list the executable kind', async () => {
    expect(await route(executionRequest())).toBe(
      'Asked east, west: left out north (their capabilities do not list DockerContainer).',
    );
  });
});
