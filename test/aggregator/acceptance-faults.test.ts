import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { startBroker, type RunningBroker } from '../../src/broker/index.js';
import type { RunningAggregator } from '../../src/aggregator/index.js';
import { isAcceptedPhase } from '../../src/model/index.js';
import { ManualClock } from '../../src/broker/clock.js';
import { validate } from '../../src/validate/index.js';
import { accept, aggregatorOver, call, messagesOf } from './helpers.js';

type Obj = Record<string, unknown>;

/**
 * How the lower broker in front of a real reference broker mishandles an acceptance (or an offer set):
 * - lost-answer: the acceptance reaches the broker (it is accepted there), the answer never comes back;
 * - stall: the acceptance never reaches the broker and no answer comes;
 * - noop: 200 with the session unchanged (still OFFERED), as a broker answers an update it ignores;
 * - expired: 200 with the session in EXPIRED;
 * - duplicates: the offer set lists its first offer three times;
 * - refuse: 409 without passing the acceptance on;
 * - error-after: the acceptance reaches the broker (accepted there), the answer is a 500;
 * - error-before: a 500 without passing the acceptance on;
 * - html-before: the same 500 as an HTML page (a proxy's), which no parser reads;
 * - slow: the acceptance is passed on after 300 ms (two acceptances of one offer overlap);
 * - late: the acceptance is passed on after 1.5 s, past the aggregator's 1 s upstream timeout (accepted below then);
 * - black: the acceptance is passed on (accepted below) and never answered, nor is any later request of a session.
 */
type Misbehaviour =
  | 'lost-answer'
  | 'stall'
  | 'noop'
  | 'expired'
  | 'duplicates'
  | 'refuse'
  | 'error-after'
  | 'error-before'
  | 'html-before'
  | 'slow'
  | 'late'
  | 'black';

interface Lower {
  url: string;
  broker: RunningBroker;
  close(): Promise<void>;
}

/** A reference broker behind a pass-through proxy that misbehaves one way; the broker names itself by the proxy. */
async function misbehaving(how: Misbehaviour): Promise<Lower> {
  // The proxy listens first (port 0) and the broker is then told its URL: a port only reserved and freed could be
  // taken by another test, or by the broker itself, before the proxy bound it.
  let port = 0;
  let target = new URL('http://127.0.0.1');
  const forward = (
    method: string,
    path: string,
    headers: Obj,
    body: Buffer,
  ): Promise<{ status: number; headers: Obj; body: Buffer }> =>
    new Promise((done, fail) => {
      const out = httpRequest(
        { host: target.hostname, port: target.port, method, path, headers: headers as Record<string, string> },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            done({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      out.on('error', fail);
      out.end(body);
    });
  let dark = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const path = req.url ?? '/';
        const headers = { ...req.headers, host: `127.0.0.1:${port}` } as Obj;
        const acceptance =
          req.method === 'POST' && path.startsWith('/sessions/') && body.toString().includes('ACCEPTED');
        if (acceptance && how === 'stall') return;
        if (how === 'black' && path.startsWith('/sessions/') && (acceptance || dark)) {
          if (acceptance && !dark) {
            dark = true;
            await forward('POST', path, headers, body);
          }
          return;
        }
        if (acceptance && (how === 'refuse' || how === 'error-before')) {
          const status = how === 'refuse' ? 409 : 500;
          res.writeHead(status, { 'content-type': 'application/json' });
          return res.end(
            JSON.stringify({
              status,
              error: 'X',
              code: how === 'refuse' ? 'NOT_NOW' : 'BOOM',
              message: `${how}: not now for the offer ${path.split('/')[2] ?? ''}`,
            }),
          );
        }
        if (acceptance && how === 'html-before') {
          res.writeHead(500, { 'content-type': 'text/html' });
          return res.end('<html><body><h1>500 Internal Server Error</h1></body></html>');
        }
        if (acceptance && how === 'error-after') {
          await forward('POST', path, headers, body);
          res.writeHead(500, { 'content-type': 'text/html' });
          return res.end('<h1>oops</h1>');
        }
        if (acceptance && how === 'slow') await new Promise((done) => setTimeout(done, 300));
        if (acceptance && how === 'late') await new Promise((done) => setTimeout(done, 1500));
        if (acceptance && how === 'lost-answer') {
          await forward('POST', path, headers, body);
          return; // accepted below, never answered here
        }
        if (acceptance && (how === 'noop' || how === 'expired')) {
          const now = await forward('GET', path, { accept: 'application/json' }, Buffer.alloc(0));
          const doc = JSON.parse(now.body.toString()) as Obj;
          if (how === 'expired') {
            doc.phase = 'EXPIRED';
            delete (doc.meta as Obj).options; // an expired offer offers no update
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify(doc));
        }
        const answer = await forward(req.method ?? 'GET', path, headers, body);
        if (how === 'duplicates' && req.method === 'POST' && path === '/requests') {
          const set = JSON.parse(answer.body.toString()) as { offers: Obj[] };
          set.offers = [set.offers[0]!, set.offers[0]!, set.offers[0]!];
          res.writeHead(answer.status, {
            'content-type': 'application/json',
            location: String(answer.headers.location),
          });
          return res.end(JSON.stringify(set));
        }
        res.writeHead(answer.status, answer.headers as Record<string, string>);
        res.end(answer.body);
      })();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const broker = await startBroker({ db: ':memory:', publicUrl: url, config: { offerLifetime: 120 } });
  target = new URL(broker.url);
  return {
    url,
    broker,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await broker.close();
    },
  };
}

/** The phase of every offer of a merged set, read through the aggregator (each read goes to its broker). */
async function phases(agg: RunningAggregator, set: Obj): Promise<string[]> {
  const read = await call(`${agg.url}/offersets/${String((set.meta as Obj).uuid)}`);
  return (read.value.offers as Obj[]).map((o) => String(o.phase));
}

/** How many offers of a merged set show an acceptance that took effect (ACCEPTED or a later phase of a run). */
async function acceptedCount(agg: RunningAggregator, set: Obj): Promise<number> {
  return (await phases(agg, set)).filter(isAcceptedPhase).length;
}

const offersBy = (set: Obj, broker: string): Obj[] =>
  (set.offers as Obj[]).filter((o) =>
    messagesOf(o).some((m) => m.kind === 'urn:ebkit:federation:offered-by' && m.values.broker === broker),
  );

describe('an acceptance the lower broker answers badly keeps at most one offer ACCEPTED (EB-FED-05)', () => {
  let good: RunningBroker;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    good = await startBroker({ db: ':memory:', config: { offerLifetime: 120 } });
    closers.push(() => good.close());
  });
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()));
  });

  async function federation(how: Misbehaviour): Promise<{ agg: RunningAggregator; set: Obj; lower: Lower }> {
    const lower = await misbehaving(how);
    const agg = await aggregatorOver(
      [
        { name: 'odd', url: lower.url },
        { name: 'good', url: good.url },
      ],
      { config: { upstreamTimeout: 1 } },
    );
    closers.push(
      () => agg.close(),
      () => lower.close(),
    );
    const set = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
    expect(offersBy(set, 'odd').length).toBeGreaterThan(0);
    expect(offersBy(set, 'good').length).toBeGreaterThan(0);
    return { agg, set, lower };
  }

  it('an acceptance accepted below but never answered is settled by reading the session: the siblings are rejected', async () => {
    const { agg, set } = await federation('lost-answer');
    const mine = String((offersBy(set, 'odd')[0]!.meta as Obj).url);
    const res = await call(mine, 'POST', accept('ACCEPTED'));
    expect(res.status).toBe(200);
    expect(isAcceptedPhase(res.value.phase)).toBe(true);
    const sibling = String((offersBy(set, 'good')[0]!.meta as Obj).url);
    expect((await call(sibling, 'POST', accept('ACCEPTED'))).status).toBe(409);
    expect(await acceptedCount(agg, set)).toBe(1);
  });

  it('an acceptance that got no answer and left the session OFFERED keeps the set reserved: 503, no sibling accepted', async () => {
    const { agg, set } = await federation('stall');
    const mine = String((offersBy(set, 'odd')[0]!.meta as Obj).url);
    const res = await call(mine, 'POST', accept('ACCEPTED'));
    expect(res.status).toBe(503);
    expect(res.value.code).toBe('BROKER_UNAVAILABLE');
    expect(String(res.value.message)).toContain('accept this offer again');
    const sibling = String((offersBy(set, 'good')[0]!.meta as Obj).url);
    const other = await call(sibling, 'POST', accept('ACCEPTED'));
    // Not "withdrawn because another was accepted": nothing is known to be accepted yet.
    expect(other.status).toBe(409);
    expect(other.value.code).toBe('UPDATE_NOT_OFFERED');
    expect(String(other.value.message)).toMatch(/is being accepted and its broker has not yet shown whether it was/);
    // And the sibling does not offer what it would refuse: no ACCEPTED among its options, a message saying why.
    const shown = (await call(sibling, 'GET')).value;
    const meta = shown.meta as { options?: { path: string; values: string[] }[]; messages?: { kind: string }[] };
    expect(meta.options?.find((o) => o.path === 'phase')?.values).toEqual(['REJECTED']);
    expect(meta.messages?.map((m) => m.kind)).toContain('urn:ebkit:federation:held');
    // Reading the set while the acceptance is unsettled rejects nothing: every offer is still open.
    expect(await phases(agg, set)).toEqual((set.offers as Obj[]).map(() => 'OFFERED'));
    // The client gives up on it: rejecting the held offer frees the set.
    expect((await call(mine, 'POST', accept('REJECTED'))).value.phase).toBe('REJECTED');
    const now = await call(sibling, 'POST', accept('ACCEPTED'));
    expect(now.status, now.text).toBe(200);
    expect(await acceptedCount(agg, set)).toBe(1);
  });

  it('a 409 refusal frees the set at once: a sibling can be accepted', async () => {
    const { agg, set } = await federation('refuse');
    const mine = offersBy(set, 'odd')[0]!.meta as Obj;
    const res = await call(String(mine.url), 'POST', accept('ACCEPTED'));
    expect([res.status, res.value.code]).toEqual([409, 'NOT_NOW']);
    // The lower broker named its own uuid of the offer; the client is told of the one it knows.
    expect(String(res.value.message)).toMatch(new RegExp(`not now for the offer ${String(mine.uuid)}'?$`));
    const other = await call(String((offersBy(set, 'good')[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'));
    expect(other.status, other.text).toBe(200);
    expect(await acceptedCount(agg, set)).toBe(1);
  });

  it('a 500 after the broker accepted is settled by reading: 200, and the siblings are rejected', async () => {
    const { agg, set } = await federation('error-after');
    const res = await call(String((offersBy(set, 'odd')[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'));
    expect(res.status, res.text).toBe(200);
    expect(isAcceptedPhase(res.value.phase)).toBe(true);
    expect((await call(String((offersBy(set, 'good')[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'))).status).toBe(
      409,
    );
    const after = await phases(agg, set);
    expect(after.filter(isAcceptedPhase)).toHaveLength(1);
    expect(after.filter((p) => p === 'OFFERED')).toEqual([]);
  });

  it.each(['error-before', 'html-before'] as const)(
    '%s: a 500 that left the session OFFERED frees the set (the broker answered, so nothing is on its way) and is 502 BAD_GATEWAY',
    async (how) => {
      const { agg, set } = await federation(how);
      const res = await call(String((offersBy(set, 'odd')[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'));
      expect([res.status, res.value.error, res.value.code]).toEqual([502, 'BAD_GATEWAY', 'BAD_GATEWAY']);
      expect(String(res.value.message)).toMatch(/^The broker odd holding this session /);
      const other = await call(String((offersBy(set, 'good')[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'));
      expect(other.status, other.text).toBe(200);
      expect(await acceptedCount(agg, set)).toBe(1);
    },
  );

  it('an acceptance whose broker answers neither it nor the read after it ends within the upstream timeout: 503, the set still reserved (EB-FED-15)', async () => {
    const { set } = await federation('black');
    const started = performance.now();
    const res = await call(String((offersBy(set, 'odd')[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'));
    const ms = performance.now() - started;
    expect(res.status, res.text).toBe(503);
    // --upstream-timeout 1 s for the acceptance and its read together (before, each had the whole second: 2 s).
    expect(ms).toBeLessThan(1600);
    expect(ms).toBeGreaterThan(900);
    const sibling = await call(String((offersBy(set, 'good')[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'));
    expect(sibling.status).toBe(409);
  });

  it('an offer whose acceptance is unsettled is not shown EXPIRED when its expiry passes and its broker cannot be read: only the acceptance that settles it is offered (EB-FED-10)', async () => {
    const lower = await misbehaving('black');
    const clock = new ManualClock(Date.now());
    const agg = await aggregatorOver(
      [
        { name: 'odd', url: lower.url },
        { name: 'good', url: good.url },
      ],
      { config: { upstreamTimeout: 1 }, clock },
    );
    closers.push(
      () => agg.close(),
      () => lower.close(),
    );
    const set = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
    const mine = String((offersBy(set, 'odd')[0]!.meta as Obj).url);
    expect((await call(mine, 'POST', accept('ACCEPTED'))).status).toBe(503);
    // Its sibling at the same broker, unreadable now too: last seen OFFERED, but not acceptable while the claim holds.
    const twin = offersBy(set, 'odd')[1]!;
    const twinRead = await call(String((twin.meta as Obj).url));
    expect(twinRead.value.phase).toBe('OFFERED');
    const phase = ((twinRead.value.meta as Obj).options as Obj[]).filter((o) => o.path === 'phase');
    expect(phase.flatMap((o) => o.values as string[])).not.toContain('ACCEPTED');
    expect(messagesOf(twinRead.value).map((m) => m.kind)).toContain('urn:ebkit:federation:held');
    clock.advance(10 * 60_000); // past every offer's expiry (120 s)
    const read = await call(mine);
    expect(read.value.phase).toBe('OFFERED');
    const options = ((read.value.meta as Obj).options as Obj[]).filter((o) => o.path === 'phase');
    expect(options.map((o) => o.values)).toEqual([['ACCEPTED']]);
    expect(messagesOf(read.value).map((m) => m.kind)).toContain('urn:ebkit:federation:stale');
    // A sibling at the good broker is read as it is there; one never accepted and unreadable would be EXPIRED.
    const sibling = await call(String((offersBy(set, 'good')[0]!.meta as Obj).url));
    expect(sibling.value.phase).not.toBe('ACCEPTED');
  });

  it('POST /direct whose acceptance does not settle within the upstream timeout is answered as POST /sessions answers it: 503, a WARN naming the session that holds the set, never a 303 to a session still OFFERED', async () => {
    const lower = await misbehaving('late');
    const agg = await aggregatorOver([{ name: 'odd', url: lower.url }], { config: { upstreamTimeout: 1 } });
    closers.push(
      () => agg.close(),
      () => lower.close(),
    );
    const res = await call(`${agg.url}/direct`, 'POST', executionRequest());
    expect([res.status, res.value.error, res.value.code], res.text).toEqual([
      503,
      'SERVICE_UNAVAILABLE',
      'BROKER_UNAVAILABLE',
    ]);
    expect(res.headers.location).toBeUndefined();
    expect(validate(res.value, { type: 'error' }).valid).toBe(true);
    expect(String(res.value.message)).toMatch(/^The broker odd holding this session gave no usable answer/);
    expect(String(res.value.message)).toContain('accept this offer again');
    // An error document: its messages are its own, not under meta.
    const held = (res.value.messages as { kind: string; level: string; values: Record<string, string> }[]).filter(
      (m) => m.kind === 'urn:ebkit:federation:held',
    );
    expect(held).toHaveLength(1);
    expect(held[0]!.level).toBe('WARN');
    const { holder, url } = held[0]!.values;
    expect(url).toBe(`${agg.url}/sessions/${String(holder)}`);
    expect(String(res.value.message)).toContain(String(url));
    // The set is reserved for that offer: its siblings cannot be accepted and say why.
    const setUuid = agg.store.getSession(String(holder))!.offerset!;
    const siblings = agg.store.sessionsOf(setUuid).filter((r) => r.uuid !== holder);
    expect(siblings.length).toBeGreaterThan(0);
    const sibling = await call(`${agg.url}/sessions/${siblings[0]!.uuid}`);
    expect(messagesOf(sibling.value).map((m) => m.kind)).toContain('urn:ebkit:federation:held');
    const other = await call(`${agg.url}/sessions/${siblings[0]!.uuid}`, 'POST', accept('ACCEPTED'));
    expect([other.status, other.value.code]).toEqual([409, 'UPDATE_NOT_OFFERED']);
    // The late acceptance lands below; reading the session settles it, and the siblings go.
    let phase: unknown = 'OFFERED';
    for (let i = 0; i < 50 && !isAcceptedPhase(phase); i++) {
      await new Promise((done) => setTimeout(done, 100));
      phase = (await call(String(url))).value.phase;
    }
    expect(isAcceptedPhase(phase)).toBe(true);
    const set = (await call(`${agg.url}/offersets/${setUuid}`)).value;
    const shown = (set.offers as Obj[]).map((o) => String(o.phase));
    expect(shown.filter(isAcceptedPhase)).toHaveLength(1);
    expect(shown.filter((p) => p === 'OFFERED')).toEqual([]);
  });

  it('two acceptances of one offer at once: one accepts, the other is refused as a second acceptance (EB-LIFE-10), and the claim is never freed under the acceptance', async () => {
    const { agg, set } = await federation('slow');
    const mine = String((offersBy(set, 'odd')[0]!.meta as Obj).url);
    const both = await Promise.all([call(mine, 'POST', accept('ACCEPTED')), call(mine, 'POST', accept('ACCEPTED'))]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await call(String((offersBy(set, 'good')[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'))).status).toBe(
      409,
    );
    expect(await acceptedCount(agg, set)).toBe(1);
  });

  it('a broker gone when its offer is accepted (connection refused) frees the set: nothing was sent', async () => {
    const { set, lower } = await federation('noop');
    await lower.close();
    const res = await call(String((offersBy(set, 'odd')[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'));
    expect(res.status).toBe(503);
    const other = await call(String((offersBy(set, 'good')[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'));
    expect(other.status, other.text).toBe(200);
    expect(isAcceptedPhase(other.value.phase)).toBe(true);
  });

  for (const how of ['noop', 'expired'] as const) {
    it(`a 200 that shows the acceptance did not happen (${how === 'noop' ? 'still OFFERED: 502' : 'EXPIRED: 409'}) is no success, and frees the set: a sibling can be accepted`, async () => {
      const { agg, set } = await federation(how);
      const mine = String((offersBy(set, 'odd')[0]!.meta as Obj).url);
      const res = await call(mine, 'POST', accept('ACCEPTED'));
      // A 200 passed on would tell the client it has a session (EB-UPD-08: the session as it is after the change).
      if (how === 'noop') {
        expect([res.status, res.value.code], res.text).toEqual([502, 'BAD_GATEWAY']);
        expect(res.value.message).toBe(
          'The broker odd answered the acceptance with HTTP 200 but left the session OFFERED, so it was not accepted; accept it again or another offer.',
        );
      } else expect([res.status, res.value.code], res.text).toEqual([409, 'OFFER_EXPIRED']);
      // Read afresh, the session is what the broker below shows (the proxy only dressed up its answer).
      expect((await call(mine, 'GET')).value.phase).toBe('OFFERED');
      const sibling = String((offersBy(set, 'good')[0]!.meta as Obj).url);
      const other = await call(sibling, 'POST', accept('ACCEPTED'));
      expect(other.status, other.text).toBe(200);
      expect(isAcceptedPhase(other.value.phase)).toBe(true);
      expect(await acceptedCount(agg, set)).toBe(1);
    });
  }

  it('an offer a lower set lists more than once is passed on once; the repeats are dropped with a message', async () => {
    const { agg, set } = await federation('duplicates');
    const odd = offersBy(set, 'odd');
    expect(odd).toHaveLength(1);
    const dropped = messagesOf(set).filter(
      (m) => m.kind === 'urn:ebkit:federation:offer-dropped' && m.values.broker === 'odd',
    );
    expect(dropped).toHaveLength(2);
    for (const m of dropped) expect(m.message).toMatch(/^An offer of broker odd was dropped: it repeats the offer at /);
    expect((await call(String((odd[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'))).status).toBe(200);
    expect(await acceptedCount(agg, set)).toBe(1);
  });
});
