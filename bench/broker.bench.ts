/**
 * Load test of the reference broker on loopback (npm run bench:broker): autocannon against
 * POST /requests and GET /sessions/{uuid} at 1, 16 and 64 connections, and against a bare node:http
 * hello-world in the same run as the baseline. Prints req/s, p50, p99 and the ratio to the baseline.
 * Targets (issue 4): GET session ≥ 0.3× bare req/s; p99 < 50 ms at 64 connections.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { startBroker } from '../src/broker/index.js';

/** The slice of autocannon's API used here (the package ships no types). */
interface CannonOptions {
  url: string;
  connections?: number;
  duration?: number;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  setupClient?: (client: { on(event: 'response', fn: (status: number) => void): void }) => void;
}
interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: CannonOptions) => Promise<CannonResult>;

const DURATION = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = [1, 16, 64];

interface Row {
  target: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  unexpected: number;
}

async function bare(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hello');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function run(target: string, opts: CannonOptions, expected: number): Promise<Row> {
  let unexpected = 0;
  const result = await autocannon({
    ...opts,
    duration: DURATION,
    setupClient: (client) => {
      client.on('response', (status: number) => {
        if (status !== expected) unexpected++;
      });
    },
  });
  return {
    target,
    connections: opts.connections ?? 1,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    unexpected,
  };
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const request = readFileSync(new URL('../test/fixtures/reference/execution-request.yaml', import.meta.url));
  const baseline = await bare();
  // A roomy platform and no start window, so every POST plans real offers rather than a cheap NO.
  const broker = await startBroker({ config: { cores: 1_000_000, memory: 1_000_000, storage: 100_000_000 } });
  const body = request.toString('utf8').replace(/schedule:\n(?: .*\n)+/, '');
  const first = await fetch(`${broker.url}/requests`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/yaml', accept: 'application/json' },
    redirect: 'manual',
  });
  const offerset = (await first.json()) as { result: string; offers: Array<{ meta: { url: string } }> };
  if (first.status !== 303 || offerset.result !== 'YES')
    throw new Error(`setup failed: ${first.status} ${offerset.result}`);
  const sessionUrl = offerset.offers[0]!.meta.url;

  const rows: Row[] = [];
  for (const connections of CONNECTIONS) {
    rows.push(await run('bare node:http', { url: baseline.url, connections }, 200));
    rows.push(
      await run('GET /sessions/{uuid}', { url: sessionUrl, connections, headers: { accept: 'application/json' } }, 200),
    );
    rows.push(
      await run(
        'POST /requests',
        {
          url: `${broker.url}/requests`,
          method: 'POST',
          connections,
          body,
          headers: { 'content-type': 'application/yaml', accept: 'application/json' },
        },
        303,
      ),
    );
  }
  await broker.close();
  await new Promise((r) => baseline.server.close(r));

  const pad = (s: string | number, n: number): string => String(s).padStart(n);
  console.log(`\nbroker benchmark, ${DURATION}s per cell, loopback, Node ${process.version}`);
  console.log(
    `load average before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  console.log(
    `${'target'.padEnd(22)}${pad('conns', 6)}${pad('req/s', 10)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('× bare', 8)}${pad('errors', 8)}${pad('bad st.', 8)}`,
  );
  for (const r of rows) {
    const bareRps = rows.find((x) => x.target === 'bare node:http' && x.connections === r.connections)!.rps;
    console.log(
      `${r.target.padEnd(22)}${pad(r.connections, 6)}${pad(r.rps.toFixed(0), 10)}${pad(r.p50, 8)}${pad(r.p99, 8)}${pad((r.rps / bareRps).toFixed(2), 8)}${pad(r.errors, 8)}${pad(r.unexpected, 8)}`,
    );
  }
  const get64 = rows.find((r) => r.target === 'GET /sessions/{uuid}' && r.connections === 64)!;
  const bare64 = rows.find((r) => r.target === 'bare node:http' && r.connections === 64)!;
  const post64 = rows.find((r) => r.target === 'POST /requests' && r.connections === 64)!;
  console.log(
    `\ntargets: GET session ≥ 0.30× bare at 64 conns: ${(get64.rps / bare64.rps).toFixed(2)}× ${get64.rps / bare64.rps >= 0.3 ? 'met' : 'MISSED'}; ` +
      `p99 < 50 ms at 64 conns: GET ${get64.p99} ms ${get64.p99 < 50 ? 'met' : 'MISSED'}, POST ${post64.p99} ms ${post64.p99 < 50 ? 'met' : 'MISSED'}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
