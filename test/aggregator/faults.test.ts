import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { KINDS } from '../../src/model/index.js';
import { validate } from '../../src/validate/index.js';
import { createBroker, ManualClock, startBroker } from '../../src/broker/index.js';
import { executableKindsOf, startAggregator, type RunningAggregator } from '../../src/aggregator/index.js';
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
  const faults: Fault[] = ['stall', 'huge', 'redirect-loop', 'invalid', '5xx', 'garbage', 'html'];
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
    expect(named('stall').map((m) => m.message)).toEqual([
      'Broker stall made no offers: it gave no answer within 1 s.',
    ]);
    expect(named('huge').map((m) => m.message)).toEqual([
      'Broker huge made no offers: it sent an answer over the size limit.',
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
    expect(named('html').map((m) => m.message)).toEqual([
      'Broker html made no offers: it answered 502 with an HTML page, not a JSON, YAML or XML document.',
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
      // The loop keeps its kind and level up the chain: an ERROR a client can tell from an ordinary NO.
      const relayedLoop = ((res.value.meta as Obj).messages as Obj[]).find(
        (m) => m.kind === 'urn:ebkit:federation:relayed' && /would loop/.test(String(m.message)),
      );
      expect(relayedLoop?.level).toBe('ERROR');
      const direct = await call(`${a.url}/requests`, 'POST', executionRequest(), { via: '1.1 proxy, 1.1 agg-a' });
      expect(messagesOf(direct.value).map((m) => m.kind)).toEqual(['urn:ebkit:federation:loop']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('nested aggregators keep what happened below visible (EB-FED-06)', () => {
  let fed: Federation;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    fed = await startThree();
    closers.push(() => fed.close());
  });
  afterAll(async () => {
    for (const c of closers.reverse()) await c();
  });

  it("keeps the kind of a lower aggregator's failure when its NO quotes it (a broker below it failed)", async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const inner = await startAggregator({
      db: ':memory:',
      config: { id: 'agg-inner-no', upstreamTimeout: 2, brokers: [{ name: 'gone', url: dead }] },
    });
    closers.push(() => inner.close());
    const top = await startAggregator({
      db: ':memory:',
      config: { id: 'agg-top-no', upstreamTimeout: 2, brokers: [{ name: 'inner', url: inner.url }] },
    });
    closers.push(() => top.close());
    const res = await call(`${top.url}/requests`, 'POST', executionRequest());
    expect(res.value.result).toBe('NO');
    const msgs = messagesOf(res.value);
    expect(msgs.find((m) => m.kind === 'urn:ebkit:federation:broker-no')?.message).toMatch(
      /^Broker inner answered NO: .*Broker gone made no offers/,
    );
    const failed = msgs.find(
      (m) => m.kind === 'urn:ebkit:federation:relayed' && m.values.kind === 'urn:ebkit:federation:broker-failed',
    );
    expect([failed?.level, failed?.values.broker]).toEqual(['WARN', 'inner']);
  });

  it("relays a lower aggregator's failure and loop messages, naming it, and each offer names the broker that made it", async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const portTop = await freePort();
    const inner = await startAggregator({
      db: ':memory:',
      config: {
        id: 'agg-inner',
        upstreamTimeout: 2,
        brokers: [
          { name: 'east', url: fed.brokers.east.url },
          { name: 'gone', url: dead },
          { name: 'top', url: `http://127.0.0.1:${portTop}` },
        ],
      },
    });
    closers.push(() => inner.close());
    const top = await startAggregator({
      db: ':memory:',
      port: portTop,
      config: { id: 'agg-top', upstreamTimeout: 2, brokers: [{ name: 'inner', url: inner.url }] },
    });
    closers.push(() => top.close());
    const res = await call(`${top.url}/requests`, 'POST', executionRequest());
    expect(res.value.result).toBe('YES');
    const msgs = messagesOf(res.value);
    const relayed = msgs.filter((m) => m.kind === 'urn:ebkit:federation:relayed');
    // Under the relay's own kind (a lower text cannot pass for this aggregator's finding), the lower kind kept.
    expect(msgs.some((m) => m.kind === 'urn:ebkit:federation:broker-failed')).toBe(false);
    const failed = relayed.find((m) => m.values.kind === 'urn:ebkit:federation:broker-failed');
    expect(failed?.message).toBe('Broker inner reports: Broker gone made no offers: it refused the connection.');
    expect(failed?.values.broker).toBe('inner');
    const looped = relayed.find((m) => m.values.kind === 'urn:ebkit:federation:broker-no');
    expect(looped?.message).toMatch(
      /^Broker inner reports: Broker top answered NO: The request has already passed through aggregator agg-top/,
    );
    for (const offer of res.value.offers as Obj[]) {
      const by = messagesOf(offer).filter((m) => m.kind === 'urn:ebkit:federation:offered-by');
      expect(by.map((m) => m.message)).toEqual(['Offered by broker inner, from its broker east.']);
      // Read again through the top aggregator: the lower document is re-rewritten and still names east.
      const read = await call(String((offer.meta as Obj).url));
      expect(
        messagesOf(read.value)
          .filter((m) => m.kind === 'urn:ebkit:federation:offered-by')
          .map((m) => m.values.from),
      ).toEqual(['east']);
    }
    const bytes = JSON.stringify(res.value);
    expect(validate(res.value, { type: 'offerset' }).valid, bytes.slice(0, 200)).toBe(true);
  });

  it("past the cap, keeps the errors and warnings of a lower set before its notes, in the broker's order", async () => {
    const { relayedMessages } = await import('../../src/aggregator/messages.js');
    const notes = Array.from({ length: 18 }, (_, i) => ({ kind: 'urn:x:note', level: 'INFO', message: `note ${i}` }));
    const lower = {
      meta: {
        messages: [
          ...notes,
          { kind: 'urn:x:down', level: 'WARN', message: 'a broker below is down' },
          { kind: 'urn:x:loop', level: 'ERROR', message: 'a loop' },
        ],
      },
    };
    const out = relayedMessages('b', lower, Date.now());
    expect(out.map((m) => m.values?.text)).toEqual([
      ...notes.slice(0, 14).map((n) => n.message),
      'a broker below is down',
      'a loop',
      undefined,
    ]);
    expect(out.at(-2)?.level).toBe('ERROR');
    expect(out.at(-1)?.message).toBe('Broker b sent 4 more messages, not relayed.');
  });

  it("relays a lower NO's errors, 16 of them, and counts the rest: none is left out silently", async () => {
    const errors = Array.from({ length: 20 }, (_, i) => ({ kind: 'urn:x:full', level: 'ERROR', message: `no ${i}` }));
    const lower = createServer((req, res) => {
      req.resume();
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ result: 'NO', meta: { messages: errors } }));
    });
    await new Promise<void>((done) => lower.listen(0, '127.0.0.1', done));
    const agg = await aggregatorOver([
      { name: 'full', url: `http://127.0.0.1:${(lower.address() as AddressInfo).port}` },
    ]);
    try {
      const res = await call(`${agg.url}/requests`, 'POST', executionRequest());
      expect(res.value.result).toBe('NO');
      const relayed = messagesOf(res.value).filter((m) => m.kind === 'urn:ebkit:federation:relayed');
      expect(relayed.filter((m) => m.values.kind === 'urn:x:full')).toHaveLength(16);
      expect(relayed.at(-1)?.message).toBe('Broker full sent 4 more messages, not relayed.');
    } finally {
      await agg.close();
      await new Promise<void>((done) => lower.close(() => done()));
    }
  });

  it('relays at most 16 messages of one lower set, and says how many more there were', async () => {
    const { relayedMessages } = await import('../../src/aggregator/messages.js');
    const lower = {
      meta: {
        messages: [
          ...Array.from({ length: 20 }, (_, i) => ({ kind: 'urn:x:note', level: 'WARN', message: `note ${i}` })),
          { kind: 'not a uri at all', level: 'LOUD', message: 'odd' },
        ],
      },
    };
    const out = relayedMessages('b', lower, Date.now());
    expect(out).toHaveLength(17);
    expect(
      out.slice(0, 16).every((m) => m.kind === 'urn:ebkit:federation:relayed' && m.values?.kind === 'urn:x:note'),
    ).toBe(true);
    expect(out.slice(0, 16).every((m) => m.level === 'WARN')).toBe(true);
    expect(out[16]!.message).toBe('Broker b sent 5 more messages, not relayed.');
    const odd = relayedMessages('b', { meta: { messages: [lower.meta.messages[20]] } }, Date.now());
    expect(odd.map((m) => [m.kind, m.values?.kind, m.level, m.message])).toEqual([
      ['urn:ebkit:federation:relayed', 'unknown', 'INFO', 'Broker b reports: odd'],
    ]);
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

  it("routes by the kinds a reference broker lists in its own /capabilities, and lists their union in the aggregator's", async () => {
    const notebooks = await startBroker({ db: ':memory:', config: { executableKinds: [KINDS.JupyterNotebook] } });
    const any = await startBroker({ db: ':memory:' });
    const byCaps = await aggregatorOver([
      { name: 'nb', url: notebooks.url },
      { name: 'any', url: any.url },
    ]);
    try {
      const caps = await (await fetch(`${notebooks.url}/capabilities`)).text();
      expect(executableKindsOf(caps)).toEqual(new Set([KINDS.JupyterNotebook]));
      const res = await call(`${byCaps.url}/requests`, 'POST', executionRequest());
      expect(messagesOf(res.value).find((m) => m.kind === 'urn:ebkit:federation:route')?.message).toBe(
        'Asked any: left out nb (the kinds they run, from their capabilities or the config, do not include DockerContainer).',
      );
      const own = executableKindsOf(await (await fetch(`${byCaps.url}/capabilities`)).text());
      expect(own).toEqual(new Set(executableKindsOf(await (await fetch(`${any.url}/capabilities`)).text())));
      expect(own !== 'unknown' && own.has(KINDS.JupyterNotebook) && own.has(KINDS.DockerContainer)).toBe(true);
    } finally {
      await byCaps.close();
      await Promise.all([notebooks.close(), any.close()]);
    }
  });

  it('asks the brokers that run the executable when none holding the data does, rather than answering NO unasked', async () => {
    const list = brokerList(fed);
    const northData = {
      ...list[2]!,
      executableKinds: [KINDS.JupyterNotebook],
      data: { urlPrefixes: ['https://data.north.example/'], rucioScopes: [], storageElements: [], ivoids: [] },
    };
    const fallback = await aggregatorOver([list[0]!, northData]);
    try {
      const res = await call(
        `${fallback.url}/requests`,
        'POST',
        withData({ kind: KINDS.SimpleDataResource, location: 'https://data.north.example/obs/2.fits' }),
      );
      expect(messagesOf(res.value).find((m) => m.kind === 'urn:ebkit:federation:route')?.message).toBe(
        'Asked east: by data location: north (data at https://data.north.example/obs/2.fits), which does not run DockerContainer, so the brokers that run it were asked (they may stage the data); left out north (the kinds they run, from their capabilities or the config, do not include DockerContainer).',
      );
      expect(res.value.result).toBe('YES');
      // Data no broker declares leaves none out for it; the kind still does, and the message says only that.
      const nowhere = await call(
        `${fallback.url}/requests`,
        'POST',
        withData({ kind: KINDS.SimpleDataResource, location: 'https://data.nowhere.example/x.fits' }),
      );
      expect(messagesOf(nowhere.value).find((m) => m.kind === 'urn:ebkit:federation:route')?.message).toBe(
        'Asked east: no broker declares the data the request names, so none was left out for it; left out north (the kinds they run, from their capabilities or the config, do not include DockerContainer).',
      );
    } finally {
      await fallback.close();
    }
  });

  it('leaves out a broker whose capabilities do not list the executable kind', async () => {
    expect(await route(executionRequest())).toBe(
      'Asked east, west: left out north (the kinds they run, from their capabilities or the config, do not include DockerContainer).',
    );
  });
});

describe('a lower broker that no longer has a session (404)', () => {
  it('refuses an update of it with 409 in its own words (EB-LIFE-09, -10), read first or not', async () => {
    const port = await freePort();
    let lower = await startBroker({ db: ':memory:', port, config: { offerLifetime: 120 } });
    const agg = await aggregatorOver([{ name: 'forgetful', url: lower.url }]);
    try {
      const set = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
      const [first, second, third] = (set.offers as Obj[]).map((o) => String((o.meta as Obj).url));
      const acc = await call(first!, 'POST', accept('ACCEPTED'));
      expect(acc.value.phase).toBe('ACCEPTED');
      const again = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
      const open = String(((again.offers as Obj[])[0]!.meta as Obj).url);
      await lower.close();
      lower = await startBroker({ db: ':memory:', port });
      // Not read since the broker forgot it: the update's own 404 below tells.
      const cancel = await call(first!, 'POST', accept('CANCELLED'));
      expect([cancel.status, cancel.value.code], cancel.text).toEqual([409, 'UPDATE_NOT_OFFERED']);
      const uuid = first!.split('/').pop()!;
      expect(cancel.value.message).toBe(
        `The session ${uuid} is FAILED: its broker forgetful no longer has it (it answered HTTP 404); it takes no more updates.`,
      );
      expect((await call(first!)).value.phase).toBe('FAILED');
      const late = await call(open, 'POST', accept('ACCEPTED'));
      expect([late.status, late.value.code], late.text).toEqual([409, 'OFFER_EXPIRED']);
      // Once shown lost it stays final, and the broker is not asked again.
      expect((await call(open)).value.phase).toBe('EXPIRED');
      const twice = await call(open, 'POST', accept('ACCEPTED'));
      expect([twice.status, twice.value.code]).toEqual([409, 'OFFER_EXPIRED']);
      expect(twice.value.message).toMatch(/: its broker forgetful no longer has it; it takes no more updates\.$/);
      // The siblings of the accepted session were withdrawn when it was accepted: the aggregator's own 409.
      for (const s of [second!, third!]) {
        const r = await call(s, 'POST', accept('ACCEPTED'));
        expect([r.status, r.value.code]).toEqual([409, 'OFFER_WITHDRAWN']);
      }
    } finally {
      await agg.close();
      await lower.close();
    }
  });

  it('shows an accepted session FAILED and an open offer EXPIRED, with a message naming the broker', async () => {
    const port = await freePort();
    let lower = await startBroker({ db: ':memory:', port, config: { offerLifetime: 120 } });
    const agg = await aggregatorOver([{ name: 'forgetful', url: lower.url }]);
    try {
      const set = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
      const [first, second] = (set.offers as Obj[]).map((o) => String((o.meta as Obj).url));
      expect(second).toBeDefined();
      const acc = await call(first!, 'POST', accept('ACCEPTED'));
      expect(acc.status).toBe(200);
      expect(acc.value.phase).toBe('ACCEPTED');
      expect((await call(first!)).value.phase).not.toBe('OFFERED');
      // Restarted without its store: every session it had is gone.
      await lower.close();
      lower = await startBroker({ db: ':memory:', port });
      const accepted = await call(first!);
      expect(accepted.status).toBe(200);
      expect(accepted.value.phase, JSON.stringify(accepted.value).slice(0, 1500)).toBe('FAILED');
      expect(messagesOf(accepted.value).at(-1)).toMatchObject({
        kind: 'urn:ebkit:federation:lost',
        message: 'Broker forgetful no longer has this session (it answered HTTP 404), so it is shown as FAILED.',
      });
      expect(validate(accepted.value, { type: 'session' }).valid).toBe(true);
      const sibling = await call(second!);
      // The sibling was rejected below when the first was accepted: last seen REJECTED (final, kept) or, if the
      // aggregator last saw it OFFERED, no longer acceptable (EXPIRED); never still open.
      expect(['REJECTED', 'EXPIRED']).toContain(sibling.value.phase);
      expect(validate(sibling.value, { type: 'session' }).valid).toBe(true);
      const again = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
      const open = String(((again.offers as Obj[])[0]!.meta as Obj).url);
      await lower.close();
      lower = await startBroker({ db: ':memory:', port });
      const expired = await call(open);
      expect(expired.value.phase).toBe('EXPIRED');
      expect(validate(expired.value, { type: 'session' }).valid).toBe(true);
      // Only an OFFERED session carries expires (EB-SCH-06): not one shown EXPIRED because its broker lost it.
      expect(expired.value.expires).toBeUndefined();
      expect(validate(expired.value, { type: 'session' }).findings.map((f) => f.ruleId)).not.toContain('EB-SCH-06');
    } finally {
      await agg.close();
      await lower.close();
    }
  });
});
