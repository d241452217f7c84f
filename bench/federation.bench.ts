/**
 * Federation benchmark (npm run bench:federation), ratios measured in one run:
 *  1. overhead: POST /requests through an aggregator over one reference broker vs that broker directly (p50; target ≤ 1.5×).
 *     Requests alternate between the targets one by one, so a change of machine load hits both alike. Besides
 *     latency, the CPU time of this process per request is recorded: broker, aggregator and client all run here, so
 *     its ratio is the aggregator's cost without the scheduling noise that stretches wall time on a shared machine.
 *     A bare forwarding proxy (bytes passed through: no parsing, validation, rewriting or store) is measured too, as
 *     the floor one extra HTTP hop costs here; and the aggregator's own stack doing the same (fastify in, the bounded
 *     undici client of src/client out, bytes passed through), the floor of this implementation before any of its
 *     work: what is left between it and 1.5× is the budget for reading, checking, merging and storing;
 *     The same comparison in front of a canned lower broker that answers after a remote broker's delay (see 2) gives
 *     the overhead a client of a real federation sees, in ms added;
 *  2. fan-out: an aggregator over 16 lower brokers vs over 1 (median wall time per request; target ≤ 1.3×). The lower
 *     brokers here are canned: each answers a real reference offer set (its URLs moved to its own origin) after a
 *     fixed delay standing for a remote broker's latency, so the figure measures the fan-out, not 16 planners
 *     sharing this machine's cores;
 *  3. one of 16 stalling: the answer arrives within --upstream-timeout + 10%;
 *  4. req/s and p99 of POST /requests at 16 and 64 connections (autocannon), through the aggregator and, as the
 *     baseline, at the broker directly (fresh servers for each).
 */
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { startBroker } from '../src/broker/index.js';
import { startAggregator, type RunningAggregator } from '../src/aggregator/index.js';
import { executionRequest } from '../conformance/lib/fixtures.js';
import Fastify from 'fastify';
import { HttpClient } from '../src/client/index.js';

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
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 50);
const DELAY_MS = Number(process.env.BENCH_LOWER_DELAY_MS ?? 25);
const DURATION = Number(process.env.BENCH_SECONDS ?? 4);
const BODY = JSON.stringify(executionRequest());
const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
/**
 * A platform no run of this benchmark fills: every POST plans and stores real offers (three, a 6 KB set). On the
 * default platform the live offers of earlier POSTs hold every core after ~150 requests, so most answers would be
 * a cheap NO and the figures would measure forwarding a NO, not the offers a client asks for.
 */
const ROOMY = { db: ':memory:', config: { cores: 1_000_000, memory: 1_000_000, storage: 100_000_000 } } as const;

interface Sample {
  ms: number;
  cpuMs: number;
}

/**
 * One POST /requests: its 303 alone, or (`follow`) also the GET of the offer set it points at — what a client waits
 * for before it has offers. The aggregator cannot answer its 303 before it has read each lower broker's offer set,
 * so the 303 alone charges it a lower GET that the direct 303 does not make; with `follow` both sides read a set.
 */
async function post(url: string, follow = false): Promise<Sample> {
  const c = process.cpuUsage();
  const t = performance.now();
  const res = await fetch(`${url}/requests`, {
    method: 'POST',
    headers: HEADERS,
    body: BODY,
    redirect: follow ? 'follow' : 'manual',
  });
  await res.arrayBuffer();
  if (res.status !== (follow ? 200 : 303)) throw new Error(`POST ${url}/requests answered ${res.status}`);
  const ms = performance.now() - t;
  const used = process.cpuUsage(c);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Rounds of sequential POSTs, the targets taken in turn request by request; per target p50 latency and mean CPU. */
async function interleaved(
  targets: Record<string, string>,
  follow = false,
): Promise<Record<string, { p50: number; cpu: number }>> {
  const names = Object.keys(targets);
  const samples: Record<string, Sample[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (const url of Object.values(targets)) for (let i = 0; i < WARM_UP; i++) await post(url, follow);
  for (let i = 0; i < ROUNDS * PER_ROUND; i++)
    for (const name of i % 2 === 0 ? names : [...names].reverse())
      samples[name]!.push(await post(targets[name]!, follow));
  return Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [k, { p50: median(v.map((x) => x.ms)), cpu: mean(v.map((x) => x.cpuMs)) }]),
  );
}

/** The floor of one extra hop: a proxy that passes POST /requests through untouched (node:http both ways). */
async function bareProxy(target: string): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(out);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The aggregator's stack with none of its work: fastify answers with what the bounded client read below, unparsed. */
async function stackFloor(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const client = new HttpClient(target, { evidence: false, connections: 32 });
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/requests', async (req, reply) => {
    const res = await client.request({
      method: 'POST',
      url: `${target}/requests`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: req.body as Buffer,
      parse: false,
    });
    if (!res.ok) return reply.code(502).send(res.failure.message);
    return reply
      .code(res.response.status)
      .header('content-type', res.response.headers['content-type'] ?? 'application/json')
      .header('location', res.response.headers['location'] ?? '')
      .send(res.response.bodyText);
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    close: async () => {
      await app.close();
      await client.close();
    },
  };
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

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function cannon(url: string, connections: number): Promise<Load> {
  const r = await autocannon({
    url: `${url}/requests`,
    method: 'POST',
    body: BODY,
    headers: HEADERS,
    connections,
    duration: DURATION,
  });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors };
}

async function main(): Promise<void> {
  const broker = await startBroker(ROOMY);
  const over1 = await startAggregator({ db: ':memory:', upstreams: [broker.url] });
  const bare = await bareProxy(broker.url);
  const floor = await stackFloor(broker.url);
  const overhead = await interleaved({ broker: broker.url, aggregator: over1.url, bare: bare.url, floor: floor.url });
  const withSet = await interleaved({ broker: broker.url, aggregator: over1.url, bare: bare.url }, true);

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
  // The same hop in front of a broker that takes as long as a remote one: what a client of a real federation waits.
  const remote = await interleaved({ direct: lower[0]!.url, aggregator: agg1.url });

  const timeout = 1;
  const aggStall = await startAggregator({
    db: ':memory:',
    upstreams: [...lower.slice(0, 15).map((l) => l.url), stalled.url],
    config: { upstreamTimeout: timeout },
  });
  const stallTimes: number[] = [];
  for (let i = 0; i < 5; i++) stallTimes.push((await post(aggStall.url)).ms);

  // Each measurement gets fresh servers: a broker's store grows with every request it answers, so a broker that
  // had just served the other target's run would be a slower baseline (or a slower upstream).
  const load: { connections: number; broker: Load; aggregator: Load }[] = [];
  for (const connections of [16, 64]) {
    const alone = await startBroker(ROOMY);
    const direct = await cannon(alone.url, connections);
    await alone.close();
    const below = await startBroker(ROOMY);
    const front = await startAggregator({ db: ':memory:', upstreams: [below.url] });
    const proxied = await cannon(front.url, connections);
    await front.close();
    await below.close();
    load.push({ connections, broker: direct, aggregator: proxied });
  }

  const f = (n: number): string => n.toFixed(2);
  const x = (n: number, base: number): string => `${f(n / base)}×`;
  const b = overhead.broker!;
  const a = overhead.aggregator!;
  const p = overhead.bare!;
  const q = overhead.floor!;
  const lines = [
    `federation benchmark (${ROUNDS * PER_ROUND} sequential POST /requests per target, targets alternating; lower-broker delay ${DELAY_MS} ms)`,
    `overhead   p50: broker ${f(b.p50)} ms (1.00×)   aggregator ${f(a.p50)} ms (${x(a.p50, b.p50)}, target ≤ 1.5×)   bare forwarding proxy ${f(p.p50)} ms (${x(p.p50, b.p50)})`,
    `           aggregator's stack passing bytes through (fastify + bounded undici client, no work) ${f(q.p50)} ms (${x(q.p50, b.p50)})`,
    `           CPU per request in this process: broker ${f(b.cpu)} ms (1.00×)   aggregator ${f(a.cpu)} ms (${x(a.cpu, b.cpu)})   bare proxy ${f(p.cpu)} ms (${x(p.cpu, b.cpu)})   stack ${f(q.cpu)} ms (${x(q.cpu, b.cpu)})`,
    `offers     p50 of POST + GET of its offer set (the 303 followed): broker ${f(withSet.broker!.p50)} ms (1.00×)   aggregator ${f(withSet.aggregator!.p50)} ms (${x(withSet.aggregator!.p50, withSet.broker!.p50)})   bare proxy ${f(withSet.bare!.p50)} ms (${x(withSet.bare!.p50, withSet.broker!.p50)})`,
    `           CPU per request: broker ${f(withSet.broker!.cpu)} ms (1.00×)   aggregator ${f(withSet.aggregator!.cpu)} ms (${x(withSet.aggregator!.cpu, withSet.broker!.cpu)})   bare proxy ${f(withSet.bare!.cpu)} ms (${x(withSet.bare!.cpu, withSet.broker!.cpu)})`,
    `remote     p50 with a lower broker answering after ${DELAY_MS} ms: broker directly ${f(remote.direct!.p50)} ms (1.00×)   through the aggregator ${f(remote.aggregator!.p50)} ms (${x(remote.aggregator!.p50, remote.direct!.p50)}; ${f(remote.aggregator!.p50 - remote.direct!.p50)} ms added)`,
    `fan-out    p50: 1 lower ${f(fan.one!.p50)} ms (1.00×)   16 lower ${f(fan.sixteen!.p50)} ms (${x(fan.sixteen!.p50, fan.one!.p50)}, target ≤ 1.3×)`,
    `stall      one of 16 stalls, --upstream-timeout ${timeout} s: max answer ${f(Math.max(...stallTimes))} ms (${x(Math.max(...stallTimes), timeout * 1000)} the timeout, limit 1.10×)`,
    ...load.map(
      ({ connections: c, broker: lb, aggregator: la }) =>
        `load ${String(c).padStart(2)}    broker ${lb.rps} req/s, p99 ${lb.p99} ms   aggregator ${la.rps} req/s (${x(la.rps, lb.rps)}), p99 ${la.p99} ms (${x(la.p99, lb.p99)}), p50 ${la.p50} ms; transport errors ${lb.errors}/${la.errors}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const closers: Promise<unknown>[] = [
    broker.close(),
    floor.close(),
    ...[over1, agg1, agg16, aggStall].map((a: RunningAggregator) => a.close()),
  ];
  for (const s of [...lower, stalled, bare]) {
    s.server.closeAllConnections();
    closers.push(new Promise((done) => s.server.close(done)));
  }
  await Promise.all(closers);
}

await main();
