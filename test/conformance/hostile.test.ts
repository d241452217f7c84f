import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS, runConformance, type Check, type RunOptions } from '../../conformance/index.js';
import { badgeContent, exitCodeOf, writeTextSummary } from '../../src/report/conformance/index.js';
import { startEmbeddedBroker } from '../../conformance/embedded.js';
import type { RunningBroker } from '../../src/broker/index.js';

/** A server that misbehaves in every way a broker could: stalls, drips, floods, loops redirects, resets. */
function hostileServer(): Server {
  // The first request (the run's probe of whether anyone answers) gets the redirect loop: a server that never
  // answers anything is unreachable, and the run would not start (the notStarted test below).
  let n = 3;
  return createServer((req, res) => {
    const mode = n++ % 5;
    if (mode === 0) return; // stall: never answer
    if (mode === 1) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => res.write(' '), 50); // drip one byte at a time, forever
      res.on('close', () => clearInterval(t));
      return;
    }
    if (mode === 2) {
      res.writeHead(200, { 'content-type': 'application/json' }); // 200 MB, unannounced
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 200 && res.write(chunk)) sent++;
        if (sent >= 200) res.end();
      };
      res.on('drain', pump);
      pump();
      return;
    }
    if (mode === 3) {
      res.writeHead(303, { location: req.url ?? '/' }); // redirect loop
      return res.end();
    }
    req.socket.destroy(); // reset
  });
}

describe('against a hostile server', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = hostileServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('ends by its deadline with failed or errored checks and no crash', async () => {
    const started = Date.now();
    const report = await runConformance({
      target: url,
      checks: ALL_CHECKS,
      timeoutMs: 1_000,
      deadlineMs: 6_000,
      maxBytes: 2 * 1024 * 1024,
      concurrency: 8,
    });
    const elapsed = Date.now() - started;
    // The cleanup sweep is carved out of the deadline; a hang would blow far past this.
    expect(elapsed).toBeLessThan(6_000 + 1_000);
    expect(report.checks).toHaveLength(ALL_CHECKS.length);
    expect(report.checks.filter((c) => c.outcome === 'pass')).toEqual([]);
    expect(report.summary.errors + report.summary.failed + report.summary.skipped).toBe(ALL_CHECKS.length);
    expect(report.summary.mustPassed).toBe(0);
    const kinds = new Set(report.checks.flatMap((c) => c.evidence.map((e) => e.failure?.kind)).filter(Boolean));
    expect(kinds.size).toBeGreaterThan(1);
  });
});

describe('a run that cannot start', () => {
  it.each([
    ['nobody listens', 'http://127.0.0.1:1', {}, 'unreachable', /cannot be reached/],
    ['the target is no URL', 'not a url', {}, 'bad-target', /is not an http\(s\) URL/],
    [
      'the selection holds no check',
      'http://127.0.0.1:1',
      { classes: ['expiry'], skipSlow: true },
      'no-checks',
      /holds no check \(classes expiry, slow checks left out\)/,
    ],
  ] as const)(
    '%s: every check an error saying why, exit code 2, never "passed"',
    async (_what, target, extra, kind, why) => {
      const selection: Partial<RunOptions> =
        'classes' in extra ? { classes: [...extra.classes], skipSlow: extra.skipSlow } : {};
      const report = await runConformance({ target, checks: ALL_CHECKS, timeoutMs: 1_000, ...selection });
      expect(report.notStarted).toMatchObject({ kind, reason: expect.stringMatching(why) });
      expect(exitCodeOf(report)).toBe(2);
      expect(report.summary.passed).toBe(0);
      expect(report.checks.every((c) => c.outcome === 'error' && why.test(c.message))).toBe(true);
      expect(writeTextSummary(report)).toMatch(/No check was run: /);
      expect(badgeContent(report)).toEqual({
        message: kind === 'unreachable' ? 'unreachable' : 'not run',
        colour: '#e05d44',
      });
    },
  );
});

/** A pass-through proxy to `target()` that holds the first GET /availability (the run's probe) for `holdMs`. */
async function slowProbeProxy(target: () => string, holdMs: number): Promise<{ url: string; server: Server }> {
  let held = false;
  const server = createServer((req, res) => {
    const upstream = new URL(target());
    const forward = (): void => {
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    if (!held && req.url === '/availability') {
      held = true;
      setTimeout(forward, holdMs);
    } else forward();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, server };
}

describe('the probe of whether the broker answers', () => {
  let broker: RunningBroker;
  let proxy: { url: string; server: Server };
  beforeAll(async () => {
    // With a 24 s deadline the probe may take min(--timeout 8 s, 10 s, 24/4 s) = 6 s and the final sweep has
    // min(4 s, 24/5 s) = 4 s: a 5 s probe, 1 s inside its own limit, is longer than the sweep's whole allowance.
    proxy = await slowProbeProxy(() => broker.url, 5_000);
    // Offers that outlive the run: only the final sweep settles them.
    broker = await startEmbeddedBroker(undefined, { config: { offerLifetime: 60 }, publicUrl: proxy.url });
  });
  afterAll(async () => {
    proxy.server.closeAllConnections();
    await new Promise<void>((r) => proxy.server.close(() => r()));
    await broker.close();
  });

  it("comes out of the checks' time: a slow probe leaves the final sweep its allowance and the run its deadline", async () => {
    // Checks that make offers and then wait past the deadline: what they made is left to the final sweep.
    const waiters: Check[] = [1, 2, 3].map((n) => ({
      id: `test-waits-${n}`,
      class: 'core',
      level: 'MUST',
      requirements: ['EB-OFF-01'],
      title: 'submits, then waits past the deadline',
      async run(ctx) {
        await ctx.submit();
        await ctx.sleep(60_000);
        return { outcome: 'pass', message: 'not reached' };
      },
    }));
    const started = Date.now();
    const report = await runConformance({ target: proxy.url, checks: waiters, timeoutMs: 8_000, deadlineMs: 24_000 });
    const elapsed = Date.now() - started;
    expect(report.notStarted).toBeUndefined();
    expect(report.deadlineHit).toBe(true);
    expect(elapsed).toBeLessThan(24_000 + 1_500);
    expect(report.sessionsCreated).toBeGreaterThan(0);
    expect(report.leftovers).toEqual([]);
  });

  it('ends at an interrupt instead of waiting out its timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const addr = silent.address();
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const started = Date.now();
    const report = await runConformance({
      target: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`,
      checks: ALL_CHECKS,
      timeoutMs: 8_000,
      signal: stop.signal,
    });
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(report.interrupted).toBe(true);
    expect(report.summary.passed).toBe(0);
  });
});
