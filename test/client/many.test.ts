import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startAggregator, type RunningAggregator } from '../../src/aggregator/index.js';
import { ManualClock, startBroker } from '../../src/broker/index.js';
import { KINDS } from '../../src/model/index.js';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import {
  acceptPicked,
  answerLines,
  credentialHeaders,
  displayUrl,
  offersTable,
  parseBrokerArg,
  parseHeaderArg,
  pickOffer,
  redactSecrets,
  requestOffers,
  secretsOf,
  watchSession,
} from '../../src/client/index.js';
import { CO2, T0, freePort, getJson, startThree, type Three } from './helpers.js';

const REQUEST = parseYaml(readFileSync('test/fixtures/reference/execution-request.yaml', 'utf8')) as unknown;

describe('askBroker: the answers EB-HTTP-06 allows to POST /requests', () => {
  /** A broker that answers POST /requests itself with `status` and the offer set (a real one, moved to its origin). */
  async function answering(status: number): Promise<{ url: string; close: () => Promise<void> }> {
    const broker = await startBroker({ db: ':memory:' });
    const first = await fetch(`${broker.url}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(executionRequest()),
      redirect: 'manual',
    });
    const template = await first.text();
    await broker.close();
    let body = '';
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json', 'content-location': '/offersets/canned' });
      res.end(body);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    body = template.split(broker.url).join(url);
    return { url, close: () => new Promise<void>((done) => server.close(() => done())) };
  }

  it('takes a 200 with the offer set, as it takes the 303 (the set named by its meta.url)', async () => {
    const b = await answering(200);
    try {
      const result = await requestOffers(executionRequest(), [{ name: 'plain', url: b.url }]);
      const a = result.answers[0]!;
      expect(a.ok ? 'ok' : a.reason).toBe('ok');
      expect(result.offers.length).toBeGreaterThan(0);
      expect(result.offers.every((o) => o.url.startsWith(`${b.url}/sessions/`))).toBe(true);
      expect(a.ok && a.offerSet).toMatch(new RegExp(`^${b.url}/offersets/`));
    } finally {
      await b.close();
    }
  });

  it('refuses any other success status, saying which two it expected', async () => {
    const b = await answering(201);
    try {
      const a = (await requestOffers(executionRequest(), [{ name: 'odd', url: b.url }])).answers[0]!;
      expect(a.ok ? 'ok' : `${a.kind}: ${a.reason}`).toBe(
        'invalid: answered 201 to POST /requests instead of 303 See Other to the offer set or 200 with it',
      );
    } finally {
      await b.close();
    }
  });
});

describe('askBroker: a 200 whose document is not an offer set', () => {
  /** A server answering POST /requests with 200 and `body` as JSON. */
  async function answeringWith(body: unknown): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    return { url, close: () => new Promise<void>((done) => server.close(() => done())) };
  }

  it.each([
    ['an empty mapping', {}, /^answered with a document that is not an offer set: it has no result YES or NO$/],
    [
      'an error document',
      { status: 503, error: 'SERVICE_UNAVAILABLE', code: 'BROKER_UNAVAILABLE', message: 'down' },
      /not an offer set: it has no result YES or NO \(an error document, code BROKER_UNAVAILABLE\)$/,
    ],
    ['an echo of the request', { headers: {}, url: '/requests' }, /not an offer set/],
  ])('%s is an invalid answer with its reason, not a broker that made no offer', async (_n, body, reason) => {
    const b = await answeringWith(body);
    try {
      const a = (await requestOffers(executionRequest(), [{ name: 'odd', url: b.url }])).answers[0]!;
      expect(a.ok).toBe(false);
      if (!a.ok) {
        expect(a.kind).toBe('invalid');
        expect(a.reason).toMatch(reason);
      }
    } finally {
      await b.close();
    }
  });
});

describe('requestOffers (library API)', () => {
  let three: Three;
  beforeEach(async () => {
    three = await startThree('fixed');
  });
  afterEach(async () => {
    await three?.close();
  });

  it('asks every broker concurrently and ranks all offers; a broker that is down is one answer with a reason', async () => {
    const port = await freePort();
    const result = await requestOffers(REQUEST, [
      { name: 'east', url: three.east.url },
      { name: 'down', url: `http://127.0.0.1:${port}` },
      { name: 'west', url: three.west.url },
    ]);
    expect(result.answers.map((a) => [a.broker, a.ok])).toEqual([
      ['east', true],
      ['down', false],
      ['west', true],
    ]);
    const down = result.answers[1]!;
    expect(down.ok ? '' : `${down.kind}: ${down.reason}`).toBe('unreachable: refused the connection');
    expect(result.offers.map((o) => o.broker)).toEqual(['west', 'west', 'west', 'east', 'east', 'east']);
    expect(pickOffer(result.offers, { metric: CO2 })?.broker).toBe('west');
    expect(pickOffer(result.offers, { metric: 'urn:none' })).toBeUndefined();
  });

  it('takes brokers as text too, as --broker reads them (NAME=URL or a bare URL); text that is no URL is one refused answer', async () => {
    const result = await requestOffers(REQUEST, [`east=${three.east.url}`, three.west.url, 'not a url']);
    expect(result.answers.map((a) => [a.broker, a.ok])).toEqual([
      ['east', true],
      [new URL(three.west.url).host, true],
      ['not a url', false],
    ]);
    const bad = result.answers[2]!;
    expect(bad.ok ? '' : `${bad.kind}: ${bad.reason}`).toBe('refused: "not a url" is not an absolute URL');
    expect(result.offers.length).toBe(6);
  });

  it("accepts the picked offer and rejects the other brokers' offers", async () => {
    const result = await requestOffers(
      REQUEST,
      [
        { name: 'east', url: three.east.url },
        { name: 'north', url: three.north.url },
      ],
      { sort: 'start' },
    );
    const picked = pickOffer(result.offers, 'cost')!;
    expect(picked.broker).toBe('north');
    const done = await acceptPicked(picked, result);
    expect(done.accepted.ok && done.accepted.phase).toBe('ACCEPTED');
    expect(done.released.map((r) => r.offer.broker)).toEqual(['east', 'east', 'east']);
    expect(done.released.every((r) => r.outcome.ok && r.outcome.phase === 'REJECTED')).toBe(true);
    expect((await getJson(picked.url)).phase).toBe('ACCEPTED');
  });

  it('reaches a broker named by another loopback name than its own (localhost for 127.0.0.1)', async () => {
    const local = three.east.url.replace('127.0.0.1', 'localhost');
    const result = await requestOffers(REQUEST, [{ name: 'east', url: local }]);
    expect(result.answers.map((a) => (a.ok ? a.notes : a.reason))).toEqual([[]]);
    expect(result.offers.length).toBe(3);
    expect(result.offers.every((o) => o.url.startsWith(three.east.url))).toBe(true);
  });

  it('names the origin a broker pointed to when it is refused', async () => {
    const port = await freePort();
    const away = createServer((_req, res) => {
      res.writeHead(303, { location: `http://127.0.0.2:${port}/offersets/x` }).end();
    });
    await new Promise<void>((done) => away.listen(port, '127.0.0.1', done));
    try {
      const result = await requestOffers(REQUEST, [{ name: 'away', url: `http://127.0.0.1:${port}` }]);
      const a = result.answers[0]!;
      expect(a.ok ? 'ok' : a.reason).toBe(`pointed to another origin (http://127.0.0.2:${port})`);
    } finally {
      await new Promise((done) => away.close(done));
    }
  });

  it('works the same through one aggregator: the broker column names who made each offer', async () => {
    let agg: RunningAggregator | undefined;
    try {
      // On the brokers' clock: on the system clock its offer set would be created after the offers expire.
      agg = await startAggregator({
        db: ':memory:',
        clock: new ManualClock(T0),
        config: {
          best: 1,
          brokers: [
            { name: 'east', url: three.east.url },
            { name: 'west', url: three.west.url },
          ],
        },
      });
      const result = await requestOffers(REQUEST, [{ name: 'agg', url: agg.url }]);
      expect(result.answers.map((a) => (a.ok ? 'ok' : a.reason))).toEqual(['ok']);
      expect(result.offers.map((o) => [o.broker, o.summary.offeredBy])).toEqual([
        ['agg', 'west'],
        ['agg', 'east'],
      ]);
      expect(
        offersTable(result)
          .split('\n')
          .slice(1, 3)
          .map((l) => l.split(/\s+/)[0]),
      ).toEqual(['agg/west', 'agg/east']);
    } finally {
      await agg?.close();
    }
  });
});

describe('requestOffers through an aggregator whose broker said NO', () => {
  it("notes the lower broker's NO, as a broker's own NO is reported", async () => {
    const yes = await startBroker({ db: ':memory:' });
    const no = await startBroker({ db: ':memory:', config: { executableKinds: [KINDS.JupyterNotebook] } });
    // The config says nb runs containers (its capabilities say notebooks only), so the aggregator asks it and relays its NO.
    const agg = await startAggregator({
      db: ':memory:',
      config: {
        brokers: [
          { name: 'yes', url: yes.url },
          { name: 'nb', url: no.url, executableKinds: [KINDS.DockerContainer] },
        ],
      },
    });
    try {
      const result = await requestOffers(executionRequest(), [{ name: 'agg', url: agg.url }]);
      const answer = result.answers[0]!;
      expect(answer.ok, JSON.stringify(answer)).toBe(true);
      expect(answer.ok ? answer.notes.filter((n) => n.startsWith('Broker nb answered NO: ')) : []).toHaveLength(1);
      expect(answerLines(result).filter((l) => /^agg \(\S+\) noted: Broker nb answered NO: /.test(l))).toHaveLength(1);
    } finally {
      await agg.close();
      await Promise.all([yes.close(), no.close()]);
    }
  });
});

describe('watchSession (library API)', () => {
  it('backs off while the phase stays, and gives up at the deadline on an injected clock', async () => {
    const three = await startThree('fixed');
    try {
      const result = await requestOffers(REQUEST, [{ name: 'east', url: three.east.url }]);
      let now = 0;
      const waits: number[] = [];
      const out = await watchSession(result.offers[0]!.url, {
        intervalMs: 100,
        deadlineMs: 2000,
        now: () => now,
        sleep: async (ms) => {
          waits.push(ms);
          now += ms;
        },
      });
      expect(out).toEqual({
        outcome: 'timeout',
        phase: 'OFFERED',
        phases: ['OFFERED'],
        reason: 'reached no final phase within 2 s',
      });
      expect(waits).toEqual([100, 200, 400, 800, 500]);
    } finally {
      await three.close();
    }
  });
});

describe('arguments and credentials', () => {
  it.each([
    ['http://127.0.0.1:8081', { name: '127.0.0.1:8081', url: 'http://127.0.0.1:8081' }],
    ['east=https://east.example/eb/', { name: 'east', url: 'https://east.example/eb' }],
    ['https://x.example/a=b', { name: 'x.example', url: 'https://x.example/a=b' }],
  ])('reads --broker %s', (text, target) => {
    expect(parseBrokerArg(text)).toEqual({ ok: true, target });
  });

  it.each([
    ['east=', '"" is not an absolute URL'],
    ['mailto:a@b.example', '"mailto:a@b.example" is not an http(s) URL'],
    ['https://u:pw@x.example/?q=1', '"https://x.example/?q=1" has a query or fragment; give the broker\'s base URL'],
  ])('refuses --broker %s', (text, reason) => {
    expect(parseBrokerArg(text)).toEqual({ ok: false, reason });
  });

  it('turns credentials into headers and knows every form of the secrets', () => {
    expect(credentialHeaders({ token: 't1', headers: { 'X-Key': 'k1' } })).toEqual({
      authorization: 'Bearer t1',
      'x-key': 'k1',
    });
    expect(credentialHeaders({ user: 'alice:pw' })).toEqual({
      authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}`,
    });
    const secrets = secretsOf({ user: 'alice:pw99', token: 'tok1' });
    expect(redactSecrets(`Bearer tok1 Basic ${Buffer.from('alice:pw99').toString('base64')} pw99`, secrets)).toBe(
      'Bearer <redacted> Basic <redacted> <redacted>',
    );
    // A one-letter secret is not searched for: it would turn every "a" of the output into <redacted>.
    const short = secretsOf({ headers: { 'X-Api-Key': 'a' } });
    expect(redactSecrets('a table of offers', short)).toBe('a table of offers');
    expect(displayUrl('https://alice:pw9@x.example/eb')).toBe('https://x.example/eb');
    expect(parseHeaderArg('X-Key: abc')).toEqual({ name: 'X-Key', value: 'abc' });
    expect(parseHeaderArg('Bad Name: abc')).toBeUndefined();
    expect(parseHeaderArg('X-Key: a\r\nInjected: 1')).toBeUndefined();
  });
});

describe('requestOffers: a broker that answered, but unusably, was reached', () => {
  /** A loopback server answering every request with ~100 KB of headers, or with a body past the client's cap. */
  async function hostile(mode: 'headers' | 'body'): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createServer((_req, res) => {
      if (mode === 'headers') {
        for (let i = 0; i < 100; i++) res.setHeader(`x-filler-${i}`, 'a'.repeat(1000));
        res.end('{}');
      } else {
        res.setHeader('content-type', 'application/json');
        res.end(`{"pad":"${'a'.repeat(64 * 1024)}"}`);
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
  }

  it('oversized headers and an oversized body are said as such, not "could not be reached"', async () => {
    const headers = await hostile('headers');
    const body = await hostile('body');
    try {
      const result = await requestOffers(
        REQUEST,
        [
          { name: 'headers', url: headers.url },
          { name: 'body', url: body.url },
        ],
        { maxBytes: 16 * 1024 },
      );
      expect(result.answers).toEqual([
        expect.objectContaining({
          broker: 'headers',
          ok: false,
          kind: 'invalid',
          reason: expect.stringMatching(/over the size limit \(response headers exceed/),
        }),
        expect.objectContaining({
          broker: 'body',
          ok: false,
          kind: 'invalid',
          reason: expect.stringMatching(/over the size limit \(/),
        }),
      ]);
      expect(answerLines(result).join('\n')).not.toMatch(/could not be reached/);
    } finally {
      await Promise.all([headers.close(), body.close()]);
    }
  });
});
