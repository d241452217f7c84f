/**
 * Federation benchmark (npm run bench:federation), ratios measured in one run:
 *  1. overhead: POST /requests through an aggregator over one reference broker vs that broker directly (p50; target ≤ 1.5×);
 *  2. fan-out: an aggregator over 16 lower brokers vs over 1 (median wall time per request; target ≤ 1.3×). The lower
 *     brokers here are canned: each answers a real reference offer set (its URLs moved to its own origin) after a
 *     fixed delay standing for a remote broker's latency, so the figure measures the fan-out, not 16 planners
 *     sharing this machine's cores;
 *  3. one of 16 stalling: the answer arrives within --upstream-timeout + 10%;
 *  4. req/s and p99 of POST /requests through the aggregator at 16 and 64 connections (autocannon).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { startBroker } from '../src/broker/index.js';
import { startAggregator, type RunningAggregator } from '../src/aggregator/index.js';
import { executionRequest } from '../conformance/lib/fixtures.js';

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: Record<string, unknown>,
) => Promise<CannonResult>;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 60);
const DELAY_MS = Number(process.env.BENCH_LOWER_DELAY_MS ?? 25);
const DURATION = Number(process.env.BENCH_SECONDS ?? 4);
const BODY = JSON.stringify(executionRequest());
const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

async function post(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${url}/requests`, { method: 'POST', headers: HEADERS, body: BODY, redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`POST ${url}/requests answered ${res.status}`);
  return performance.now() - t;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Interleaved rounds of sequential POSTs against each target; per-target median latency (ms). */
async function interleaved(targets: Record<string, string>): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (const url of Object.values(targets)) for (let i = 0; i < 10; i++) await post(url); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, url] of Object.entries(targets))
      for (let i = 0; i < PER_ROUND; i++) samples[name]!.push(await post(url));
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

/** A canned lower broker: the given offer set (URLs on its own origin) after `delay` ms; or never, when stalling. */
async function canned(
  template: string,
  origin: string,
  delay: number,
  stall = false,
): Promise<{ url: string; server: Server }> {
  let body = '';
  const server = createServer((req, res) => {
    req.resume();
    if (stall) return;
    setTimeout(() => {
      res.writeHead(303, { 'content-type': 'application/json', location: `${body.length ? '' : ''}/offersets/x` });
      res.end(body);
    }, delay);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  body = template.split(origin).join(url);
  return { url, server };
}

async function main(): Promise<void> {
  const broker = await startBroker({ db: ':memory:' });
  const over1 = await startAggregator({ db: ':memory:', upstreams: [broker.url] });
  const overhead = await interleaved({ broker: broker.url, aggregator: over1.url });

  const templateRes = await fetch(`${broker.url}/requests`, {
    method: 'POST',
    headers: HEADERS,
    body: BODY,
    redirect: 'manual',
  });
  const template = await templateRes.text();
  const lower = await Promise.all(Array.from({ length: 16 }, () => canned(template, broker.url, DELAY_MS)));
  const stalled = await canned(template, broker.url, DELAY_MS, true);
  const agg1 = await startAggregator({ db: ':memory:', upstreams: [lower[0]!.url] });
  const agg16 = await startAggregator({ db: ':memory:', upstreams: lower.map((l) => l.url) });
  const fan = await interleaved({ one: agg1.url, sixteen: agg16.url });

  const timeout = 1;
  const aggStall = await startAggregator({
    db: ':memory:',
    upstreams: [...lower.slice(0, 15).map((l) => l.url), stalled.url],
    config: { upstreamTimeout: timeout },
  });
  const stallTimes: number[] = [];
  for (let i = 0; i < 5; i++) stallTimes.push(await post(aggStall.url));

  const load: { connections: number; rps: number; p50: number; p99: number; errors: number }[] = [];
  for (const connections of [16, 64]) {
    const r = await autocannon({
      url: `${over1.url}/requests`,
      method: 'POST',
      body: BODY,
      headers: HEADERS,
      connections,
      duration: DURATION,
    });
    load.push({
      connections,
      rps: Math.round(r.requests.average),
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors,
    });
  }

  const f = (n: number): string => n.toFixed(2);
  const lines = [
    `federation benchmark (${ROUNDS} rounds × ${PER_ROUND} sequential POST /requests per target, lower-broker delay ${DELAY_MS} ms)`,
    `overhead   broker p50 ${f(overhead.broker!)} ms   aggregator p50 ${f(overhead.aggregator!)} ms   ratio ${f(overhead.aggregator! / overhead.broker!)}×  (target ≤ 1.5×)`,
    `fan-out    1 lower ${f(fan.one!)} ms   16 lower ${f(fan.sixteen!)} ms   ratio ${f(fan.sixteen! / fan.one!)}×  (target ≤ 1.3×)`,
    `stall      one of 16 stalls, --upstream-timeout ${timeout} s: max answer ${f(Math.max(...stallTimes))} ms (limit ${timeout * 1100} ms)`,
    ...load.map(
      (l) =>
        `load       ${l.connections} connections: ${l.rps} req/s, p50 ${l.p50} ms, p99 ${l.p99} ms, transport errors ${l.errors}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const closers: Promise<unknown>[] = [
    broker.close(),
    ...[over1, agg1, agg16, aggStall].map((a: RunningAggregator) => a.close()),
  ];
  for (const s of [...lower, stalled]) {
    s.server.closeAllConnections();
    closers.push(new Promise((done) => s.server.close(done)));
  }
  await Promise.all(closers);
}

await main();
