import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { startBroker, type RunningBroker } from '../../src/broker/index.js';
import type { RunningAggregator } from '../../src/aggregator/index.js';
import { lowerBudgetMs, preferWait, preferredWaitMs, requestOffers } from '../../src/client/index.js';
import { KINDS } from '../../src/model/index.js';
import { aggregatorOver, messagesOf } from './helpers.js';

type Obj = Record<string, unknown>;

describe('Prefer: wait (RFC 7240)', () => {
  it('is read from one or more Prefer headers, the first wait stated counting', () => {
    expect(preferredWaitMs('wait=10')).toBe(10_000);
    expect(preferredWaitMs('respond-async, WAIT = 3')).toBe(3_000);
    expect(preferredWaitMs(['return=minimal', 'wait=5;foo=bar', 'wait=9'])).toBe(5_000);
    expect(preferredWaitMs('wait="2"')).toBe(2_000);
    for (const none of [undefined, '', 'return=minimal', 'wait=', 'wait=-1', 'wait=1.5', 'waitress=3'])
      expect([none, preferredWaitMs(none)]).toEqual([none, undefined]);
    expect(preferWait(9_999)).toBe('wait=9');
  });

  it('leaves a lower broker a tenth (at least half a second) less, capped by the upstream timeout', () => {
    expect(lowerBudgetMs(undefined, 10_000)).toBe(10_000);
    expect(lowerBudgetMs(10_000, 10_000)).toBe(9_000);
    expect(lowerBudgetMs(3_000, 10_000)).toBe(2_500);
    expect(lowerBudgetMs(60_000, 10_000)).toBe(10_000);
    expect(lowerBudgetMs(0, 10_000)).toBe(250);
    // wait=0 passed on down a chain: each level below gets less than the one above.
    expect([0, 1, 2, 3].map((hops) => lowerBudgetMs(0, 10_000, hops))).toEqual([250, 125, 62.5, 31.25]);
    expect(lowerBudgetMs(1_000, 10_000, 1)).toBe(500);
  });
});

describe('src/aggregator/README.md states the wait a lower broker is left', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../src/aggregator/README.md'), 'utf8');
  // The examples the README gives, `wait=N` → S s, each checked against the code (one fact, two places).
  const examples = [...readme.matchAll(/`wait=(\d+)` → (\d+(?:\.\d+)?) s/g)].map((m) => [Number(m[1]), Number(m[2])]);

  it('with examples of a short wait, a wait of seconds, and wait=0', () => {
    expect(examples.map(([n]) => n)).toEqual(expect.arrayContaining([0, 1, 3, 10]));
  });

  it.each(examples)('wait=%d leaves %d s, as lowerBudgetMs computes', (n, seconds) => {
    expect(lowerBudgetMs(n * 1000, 60_000) / 1000).toBe(seconds);
  });
});

/** A lower broker that takes every request and never answers, keeping the headers it was sent. */
async function stalling(): Promise<{ url: string; seen: IncomingHttpHeaders[]; server: Server }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req) => {
    seen.push(req.headers);
    req.resume();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('an aggregator asked to answer within a wait, over a broker that never answers', () => {
  let good: RunningBroker;
  let stall: Awaited<ReturnType<typeof stalling>>;
  let inner: RunningAggregator;
  let outer: RunningAggregator;
  beforeAll(async () => {
    good = await startBroker({ db: ':memory:' });
    stall = await stalling();
    // Upstream timeouts far longer than the caller waits: only the wait can make the answer come in time.
    const slow = { config: { upstreamTimeout: 30 } };
    inner = await aggregatorOver(
      [
        { name: 'good', url: good.url },
        // Its kinds in the config: no capabilities fetch, which would stall the set-up for the whole timeout.
        { name: 'stuck', url: stall.url, executableKinds: [KINDS.DockerContainer] },
      ],
      slow,
    );
    outer = await aggregatorOver([{ name: 'inner', url: inner.url }], slow);
  });
  afterAll(async () => {
    await outer?.close();
    await inner?.close();
    stall?.server.closeAllConnections();
    await new Promise((done) => stall?.server.close(done));
    await good?.close();
  });

  it('answers within the wait with the offers that came, naming the broker that did not, and passes the wait on', async () => {
    const before = stall.seen.length;
    const t = performance.now();
    const res = await fetch(`${inner.url}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', prefer: 'wait=2' },
      body: JSON.stringify(executionRequest()),
      redirect: 'manual',
    });
    const set = (await res.json()) as Obj;
    const ms = performance.now() - t;
    expect(ms).toBeGreaterThan(1_400);
    expect(ms).toBeLessThan(2_000);
    expect(set.result).toBe('YES');
    expect(messagesOf(set).map((m) => m.message)).toContain(
      'Broker stuck made no offers: it gave no answer within 1.5 s.',
    );
    expect(stall.seen.length).toBe(before + 1);
    expect(stall.seen.at(-1)?.prefer).toBe('wait=1');
  });

  it('nested, each level answers inside the wait of the one above: the client gets the offers before it gives up', async () => {
    const before = stall.seen.length;
    const t = performance.now();
    const result = await requestOffers(executionRequest(), [{ name: 'outer', url: outer.url }], { timeoutMs: 3_000 });
    expect(performance.now() - t).toBeLessThan(3_000);
    expect(result.answers.map((a) => (a.ok ? 'ok' : a.reason))).toEqual(['ok']);
    expect(result.offers.length).toBeGreaterThan(0);
    // The client asked for 3 s; the outer aggregator gave the inner 2.5 s and told it 2; the inner gave 1.5 s.
    expect(stall.seen.length).toBe(before + 1);
    expect(stall.seen.at(-1)?.prefer).toBe('wait=1');
    expect(stall.seen.at(-1)?.via).toMatch(/, 1\.1 /);
    const notes = result.answers[0]!.ok ? result.answers[0]!.notes.join(' ') : '';
    expect(notes).toMatch(/stuck/);
  });

  it('nested under a wait of 0 (a sub-second client timeout), the lower level still answers before the upper gives up', async () => {
    const res = await fetch(`${outer.url}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', prefer: 'wait=0' },
      body: JSON.stringify(executionRequest()),
      redirect: 'manual',
    });
    const set = (await res.json()) as Obj;
    // The outer gives the inner 250 ms; the inner, one hop down, gives its brokers 125 ms and answers in time.
    expect(set.result).toBe('YES');
    expect(
      messagesOf(set)
        .map((m) => String(m.message))
        .join(' '),
    ).not.toMatch(/Broker inner made no offers/);
  });
});
