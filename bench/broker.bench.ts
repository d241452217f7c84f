/**
 * Load test of the reference broker on loopback (npm run bench:broker): autocannon against
 * POST /requests (JSON answer, and YAML answer as a client sending no Accept gets) and GET /sessions/{uuid}
 * at 16 and 64 connections, and against a bare node:http hello-world in the same run as the baseline. Every
 * row is printed as a ratio to that baseline (req/s, p50, p99); cells are interleaved over BENCH_ROUNDS
 * rounds and the medians reported, so load drifting during the run hits the baseline and the broker alike.
 * BENCH_SECONDS (per cell, 4), BENCH_ROUNDS (3), BENCH_CONNECTIONS (16,64) change the shape.
 *
 * The servers (bare and broker) run in a child process and autocannon in this one, as a real client
 * would: sharing one event loop, autocannon's own parsing of the broker's 10 KB answers would be billed
 * to the broker (BENCH_SAME_PROCESS=1 measures that layout, the one used before issue 14).
 *
 * Targets (issue 14, at 64 connections): POST /requests ≥ 0.06× bare req/s with p99 < 100 ms;
 * GET /sessions/{uuid} ≥ 0.3× bare req/s.
 *
 * One core is the limit: the broker is one process on one event loop, and every POST is one IMMEDIATE
 * SQLite transaction against the in-memory reservation ledger. What using more cores would take is in
 * src/broker/README.md ("Performance"): HTTP workers for the stateless two thirds of a POST, one writer
 * owning the file and the ledger.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
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
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: CannonOptions) => Promise<CannonResult>;

const DURATION = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '16,64').split(',').map(Number);
const SAME_PROCESS = process.env.BENCH_SAME_PROCESS === '1';
const SERVE_FLAG = '--serve';
const REQUEST_HEADERS = { 'content-type': 'application/yaml', accept: 'application/json' };

const TARGETS = ['bare node:http', 'GET /sessions/{uuid}', 'POST /requests', 'POST, YAML answer'] as const;
type Target = (typeof TARGETS)[number];

interface Cell {
  target: Target;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  unexpected: number;
  /** CPU time (user + system) the server process spent per answered request; undefined in one process. */
  cpu: number | undefined;
}

/** Where the servers listen, and what to send them. */
interface Endpoints {
  bare: string;
  broker: string;
  sessionUrl: string;
  body: string;
}

/** Starts the bare server and the broker in this process; resolves their URLs and a closer. */
async function serve(): Promise<{ endpoints: Endpoints; close(): Promise<void> }> {
  const request = readFileSync(new URL('../test/fixtures/reference/execution-request.yaml', import.meta.url));
  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hello');
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  // A roomy platform and no start window, so every POST plans real offers rather than a cheap NO.
  const broker = await startBroker({ config: { cores: 1_000_000, memory: 1_000_000, storage: 100_000_000 } });
  const body = request.toString('utf8').replace(/schedule:\n(?: .*\n)+/, '');
  const first = await fetch(`${broker.url}/requests`, {
    method: 'POST',
    body,
    headers: REQUEST_HEADERS,
    redirect: 'manual',
  });
  const offerset = (await first.json()) as { result: string; offers: Array<{ meta: { url: string } }> };
  if (first.status !== 303 || offerset.result !== 'YES')
    throw new Error(`setup failed: ${first.status} ${offerset.result}`);
  return {
    endpoints: {
      bare: `http://127.0.0.1:${(bare.address() as AddressInfo).port}`,
      broker: broker.url,
      sessionUrl: offerset.offers[0]!.meta.url,
      body,
    },
    async close() {
      await broker.close();
      await new Promise((r) => bare.close(r));
    },
  };
}

/** The servers, where they listen, and the CPU time their process has used so far (µs). */
interface Servers {
  endpoints: Endpoints;
  cpu(): Promise<number | undefined>;
  close(): Promise<void>;
}

/** The child's side: serve, tell the parent where, report CPU time when asked, close when told. */
async function child(): Promise<void> {
  const s = await serve();
  process.send!({ endpoints: s.endpoints });
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send!({ cpu: u.user + u.system });
    } else void s.close().then(() => process.exit(0));
  });
}

/** Servers in a child process (the default) or in this one; resolves once they listen. */
async function servers(): Promise<Servers> {
  if (SAME_PROCESS) {
    // autocannon shares the process: its CPU time cannot be told apart from the servers'.
    const s = await serve();
    return { ...s, cpu: () => Promise.resolve(undefined) };
  }
  const proc: ChildProcess = fork(fileURLToPath(import.meta.url), [SERVE_FLAG], { stdio: 'inherit' });
  const endpoints = await new Promise<Endpoints>((resolve, reject) => {
    proc.once('message', (m) => resolve((m as { endpoints: Endpoints }).endpoints));
    proc.once('exit', (code) => reject(new Error(`the server process exited (${code})`)));
  });
  return {
    endpoints,
    cpu: () =>
      new Promise((resolve) => {
        proc.once('message', (m) => resolve((m as { cpu: number }).cpu));
        proc.send('cpu');
      }),
    close: () =>
      new Promise<void>((resolve) => {
        proc.removeAllListeners('exit');
        proc.once('exit', () => resolve());
        proc.send('stop');
      }),
  };
}

async function run(target: Target, opts: CannonOptions, expected: number, s: Servers): Promise<Cell> {
  let unexpected = 0;
  const cpuBefore = await s.cpu();
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
    cpu: cpuBefore === undefined ? undefined : ((await s.cpu())! - cpuBefore) / Math.max(1, result.requests.total),
  };
}

function cellOf(target: Target, connections: number, s: Servers): Promise<Cell> {
  const e = s.endpoints;
  switch (target) {
    case 'bare node:http':
      return run(target, { url: e.bare, connections }, 200, s);
    case 'GET /sessions/{uuid}':
      return run(target, { url: e.sessionUrl, connections, headers: { accept: 'application/json' } }, 200, s);
    case 'POST /requests':
      return run(
        target,
        { url: `${e.broker}/requests`, method: 'POST', connections, body: e.body, headers: REQUEST_HEADERS },
        303,
        s,
      );
    case 'POST, YAML answer':
      // What a client sending no Accept gets (EB-HTTP-03): the offer set written as YAML.
      return run(
        target,
        {
          url: `${e.broker}/requests`,
          method: 'POST',
          connections,
          body: e.body,
          headers: { ...REQUEST_HEADERS, accept: 'application/yaml' },
        },
        303,
        s,
      );
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The median cell of each (target, connections) over the rounds; errors are summed. */
function medians(cells: Cell[]): Cell[] {
  return CONNECTIONS.flatMap((connections) =>
    TARGETS.map((target) => {
      const mine = cells.filter((c) => c.target === target && c.connections === connections);
      return {
        target,
        connections,
        rps: median(mine.map((c) => c.rps)),
        p50: median(mine.map((c) => c.p50)),
        p99: median(mine.map((c) => c.p99)),
        errors: mine.reduce((a, c) => a + c.errors, 0),
        unexpected: mine.reduce((a, c) => a + c.unexpected, 0),
        cpu: SAME_PROCESS ? undefined : median(mine.map((c) => c.cpu ?? 0)),
      };
    }),
  );
}

/** `x / base`, or a dash when the baseline is 0 (autocannon's latencies are whole ms). */
const ratio = (x: number, base: number, digits: number): string => (base > 0 ? (x / base).toFixed(digits) : '—');

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const s = await servers();
  const cells: Cell[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const connections of CONNECTIONS) {
        for (const target of TARGETS) cells.push(await cellOf(target, connections, s));
      }
    }
  } finally {
    await s.close();
  }
  const rows = medians(cells);

  const pad = (v: string | number, n: number): string => String(v).padStart(n);
  console.log(
    `\nbroker benchmark, ${DURATION}s per cell, median of ${ROUNDS} interleaved rounds, loopback, ` +
      `${SAME_PROCESS ? 'servers in the client process' : 'servers in a child process'}, Node ${process.version}`,
  );
  const fmt = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`load average before: ${fmt(loadBefore)}, after: ${fmt(loadavg())}\n`);
  console.log(
    `${'target'.padEnd(22)}${pad('conns', 6)}${pad('req/s', 9)}${pad('× bare', 8)}${pad('p50 ms', 8)}${pad('× bare', 8)}` +
      `${pad('p99 ms', 8)}${pad('× bare', 8)}${pad('CPU µs', 8)}${pad('× bare', 8)}${pad('errors', 8)}${pad('bad st.', 8)}`,
  );
  const bareOf = (connections: number): Cell =>
    rows.find((x) => x.target === 'bare node:http' && x.connections === connections)!;
  for (const r of rows) {
    const b = bareOf(r.connections);
    console.log(
      `${r.target.padEnd(22)}${pad(r.connections, 6)}${pad(r.rps.toFixed(0), 9)}${pad(ratio(r.rps, b.rps, 3), 8)}` +
        `${pad(r.p50, 8)}${pad(ratio(r.p50, b.p50, 1), 8)}${pad(r.p99, 8)}${pad(ratio(r.p99, b.p99, 1), 8)}` +
        `${pad(r.cpu === undefined ? '—' : r.cpu.toFixed(0), 8)}${pad(r.cpu === undefined || b.cpu === undefined ? '—' : ratio(r.cpu, b.cpu, 1), 8)}` +
        `${pad(r.errors, 8)}${pad(r.unexpected, 8)}`,
    );
  }
  const at = Math.max(...CONNECTIONS);
  const get = rows.find((r) => r.target === 'GET /sessions/{uuid}' && r.connections === at)!;
  const post = rows.find((r) => r.target === 'POST /requests' && r.connections === at)!;
  const bare = bareOf(at);
  const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  console.log(
    `\ntargets at ${at} connections: POST /requests ≥ 0.06× bare: ${ratio(post.rps, bare.rps, 3)}× ` +
      `${verdict(post.rps / bare.rps >= 0.06)}; POST p99 < 100 ms: ${post.p99} ms ${verdict(post.p99 < 100)}; ` +
      `GET /sessions/{uuid} ≥ 0.3× bare: ${ratio(get.rps, bare.rps, 3)}× ${verdict(get.rps / bare.rps >= 0.3)}`,
  );
  if (post.cpu !== undefined && get.cpu !== undefined && bare.cpu !== undefined) {
    // Server CPU per request hardly depends on what else the machine runs; a saturated one-core server
    // reaches bare's req/s times this ratio (when the client is not the limit).
    console.log(
      `by server CPU per request (bare ÷ target): POST /requests ${ratio(bare.cpu, post.cpu, 3)}×, ` +
        `GET /sessions/{uuid} ${ratio(bare.cpu, get.cpu, 3)}×`,
    );
  }
}

const entry = process.argv.includes(SERVE_FLAG) ? child : main;
entry().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
