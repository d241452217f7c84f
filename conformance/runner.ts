import { setMaxListeners } from 'node:events';
import { HttpClient } from '../src/client/index.js';
import type { HttpRequest, HttpResult } from '../src/client/index.js';
import type { Check, CheckClass, CheckResult, Leftover, RunReport, Summary, Verdict } from './types.js';
import { CheckContext, Stop, TransportError, isDoc, isFinal, phaseOptions } from './lib/context.js';
import type { RunShared } from './lib/context.js';
import { phaseUpdate } from './lib/fixtures.js';
import { serialize } from '../src/serialize/index.js';

export interface RunOptions {
  target: string;
  checks: Check[];
  /** Only these classes (default: all). */
  classes?: CheckClass[];
  skipSlow?: boolean;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Whole-run deadline, cleanup included: the checks stop early enough for the final sweep to fit inside it. */
  deadlineMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
  allowedOrigins?: string[];
  concurrency?: number;
  /** How long a check waits for the broker to move a session along (expiry, phases). */
  waitBudgetMs?: number;
  pollIntervalMs?: number;
  onStart?: (check: Check) => void;
  onResult?: (result: CheckResult, finished: number, total: number) => void;
}

/** Longest final sweep (per request and in all); it is carved out of the deadline, at most a fifth of it. */
const CLEANUP_ALLOWANCE_MS = 4_000;

/** Picks the checks a run will execute, slow ones first so they overlap the rest. */
export function selectChecks(checks: Check[], classes?: CheckClass[], skipSlow = false): Check[] {
  return checks
    .filter((c) => (!classes || classes.includes(c.class)) && !(skipSlow && c.slow))
    .sort((a, b) => Number(Boolean(b.slow)) - Number(Boolean(a.slow)));
}

/** Runs the checks against a broker and never throws: every problem becomes a check outcome. */
export async function runConformance(opts: RunOptions): Promise<RunReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const deadlineMs = opts.deadlineMs ?? 120_000;
  const sweepMs = Math.min(CLEANUP_ALLOWANCE_MS, Math.max(200, Math.floor(deadlineMs / 5)));
  const checksMs = Math.max(1, deadlineMs - sweepMs);
  const run = new AbortController();
  // Every request and wait listens to the run signal; the count is bounded by the concurrency, not leaked.
  setMaxListeners(0, run.signal);
  const deadlineTimer = setTimeout(() => run.abort(), checksMs);
  const client = new HttpClient(opts.target, {
    timeoutMs: opts.timeoutMs ?? 10_000,
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.maxRedirects !== undefined ? { maxRedirects: opts.maxRedirects } : {}),
    headers: opts.headers ?? {},
    allowedOrigins: opts.allowedOrigins ?? [],
    signal: run.signal,
    // Each check has one request in flight, plus the background cleanup of finished checks.
    connections: Math.max(16, 2 * Math.max(1, opts.concurrency ?? 8)),
  });
  // The final sweep must still work after the deadline has aborted the main client; it has its own allowance.
  const sweep = new AbortController();
  setMaxListeners(0, sweep.signal);
  const cleaner = new HttpClient(opts.target, {
    timeoutMs: Math.min(opts.timeoutMs ?? 10_000, sweepMs),
    headers: opts.headers ?? {},
    allowedOrigins: opts.allowedOrigins ?? [],
    signal: sweep.signal,
  });
  const shared: RunShared = {
    target: opts.target,
    client,
    signal: run.signal,
    sessions: new Set(),
    waitBudgetMs: opts.waitBudgetMs ?? 8_000,
    pollIntervalMs: opts.pollIntervalMs ?? 100,
    deadlineAt: Date.now() + checksMs,
    headers: opts.headers ?? {},
  };
  const selected = selectChecks(opts.checks, opts.classes, opts.skipSlow);
  const results = new Array<CheckResult | undefined>(selected.length);
  const settled = new Set<string>();
  let finished = 0;
  let next = 0;

  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      const check = selected[index];
      if (!check) return;
      const result = run.signal.aborted
        ? notRun(check, 'not run: the whole-run deadline was reached first')
        : await runOne(check, shared, run.signal, opts.onStart);
      // Settled in the background with the run's own client (normal timeout, stops at the deadline), so a slow
      // broker's cleanup does not hold up the next check; what is left goes to the final sweep.
      if (!run.signal.aborted) pending.push(cleanup([...(ctxSessions.get(check.id) ?? [])], client, settled));
      results[index] = result;
      opts.onResult?.(result, ++finished, selected.length);
    }
  };
  const ctxSessions = new Map<string, Set<string>>();
  const pending: Promise<unknown>[] = [];
  const runOne = async (check: Check, sh: RunShared, signal: AbortSignal, onStart?: (c: Check) => void): Promise<CheckResult> => {
    onStart?.(check);
    const ctx = new CheckContext(sh);
    ctxSessions.set(check.id, ctx.created);
    const started = performance.now();
    let v: Verdict;
    try {
      v = await Promise.race([check.run(ctx), abortPromise(signal)]);
    } catch (err) {
      v = toVerdict(err, signal);
    }
    return {
      id: check.id,
      class: check.class,
      level: check.level,
      requirements: check.requirements,
      title: check.title,
      outcome: v.outcome,
      message: v.message,
      evidence: ctx.evidence,
      durationMs: Math.round(performance.now() - started),
    };
  };

  const concurrency = Math.max(1, opts.concurrency ?? 8);
  await Promise.all(Array.from({ length: Math.min(concurrency, selected.length) }, worker));
  await Promise.all(pending);
  clearTimeout(deadlineTimer);
  const deadlineHit = run.signal.aborted;
  // A final sweep catches sessions of checks cut short by the deadline.
  const sweepTimer = setTimeout(() => sweep.abort(), Math.max(0, deadlineMs - (performance.now() - t0)));
  const leftovers = await cleanup([...shared.sessions], cleaner, settled);
  clearTimeout(sweepTimer);
  await Promise.all([client.close(), cleaner.close()]);
  const checks = results.map((r, i) => r ?? notRun(selected[i] as Check, 'not run'));
  return {
    target: opts.target,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    summary: summarize(checks),
    byClass: Object.fromEntries(
      [...new Set(checks.map((c) => c.class))].map((cls) => [cls, summarize(checks.filter((c) => c.class === cls))]),
    ),
    checks,
    leftovers,
    deadlineHit,
  };
}

function abortPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fire = () => reject(new TransportError('the whole-run deadline was reached while the check ran'));
    if (signal.aborted) fire();
    else signal.addEventListener('abort', fire, { once: true });
  });
}

function toVerdict(err: unknown, signal: AbortSignal): Verdict {
  if (err instanceof Stop) return err.verdict;
  if (err instanceof TransportError) {
    return { outcome: 'error', message: signal.aborted ? `deadline reached: ${err.message}` : err.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { outcome: 'error', message: `EBK_CHECK_CRASHED: the check threw: ${message}` };
}

function notRun(check: Check, message: string): CheckResult {
  return {
    id: check.id,
    class: check.class,
    level: check.level,
    requirements: check.requirements,
    title: check.title,
    outcome: 'error',
    message,
    evidence: [],
    durationMs: 0,
  };
}

export function summarize(checks: CheckResult[]): Summary {
  const count = (o: string) => checks.filter((c) => c.outcome === o).length;
  const must = checks.filter((c) => c.level === 'MUST');
  return {
    passed: count('pass'),
    failed: count('fail'),
    warned: count('warn'),
    skipped: count('skip'),
    errors: count('error'),
    total: checks.length,
    mustTotal: must.length,
    mustPassed: must.filter((c) => c.outcome === 'pass' || c.outcome === 'warn').length,
    mustNotRun: must.filter((c) => c.outcome === 'error' || c.outcome === 'skip').length,
  };
}

/** Exit code of a run: 0 only when every MUST check passed. */
export function exitCodeOf(report: RunReport): 0 | 1 {
  return report.summary.mustPassed === report.summary.mustTotal ? 0 : 1;
}

/**
 * Leaves each session in a final phase: cancel what can be cancelled, reject what is still offered.
 * Returns the sessions it could not settle.
 */
async function cleanup(urls: string[], client: HttpClient, settled: Set<string>): Promise<Leftover[]> {
  const leftovers: Leftover[] = [];
  await Promise.all(
    urls
      .filter((u) => !settled.has(u))
      .map(async (url) => {
        const leftover = await settle(url, client);
        if (leftover) leftovers.push(leftover);
        else settled.add(url);
      }),
  );
  return leftovers;
}

/** One request, repeated (twice at most, half a second apart) while the broker answers 429 or 503. */
async function patiently(client: HttpClient, req: HttpRequest): Promise<HttpResult> {
  let r = await client.request(req);
  for (let i = 0; i < 2 && r.ok && (r.response.status === 429 || r.response.status === 503); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    r = await client.request(req);
  }
  return r;
}

async function settle(url: string, client: HttpClient): Promise<Leftover | undefined> {
  const read = async () => {
    const r = await patiently(client, { method: 'GET', url, headers: { accept: 'application/json' } });
    return r.ok && r.response.status === 200 && isDoc(r.response.parsed?.value) ? (r.response.parsed?.value as Record<string, unknown>) : undefined;
  };
  const session = await read();
  if (!session) return { url, reason: 'could not be read back for cleanup' };
  if (isFinal(session['phase'])) return undefined;
  const options = phaseOptions(session) ?? [];
  const move = options.includes('CANCELLED') ? 'CANCELLED' : options.includes('REJECTED') ? 'REJECTED' : session['phase'] === 'OFFERED' ? 'REJECTED' : 'CANCELLED';
  const r = await patiently(client, {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: serialize(phaseUpdate(move), 'json', 'update'),
  });
  const after = r.ok ? r.response.parsed?.value : undefined;
  if (isDoc(after) && isFinal(after['phase'])) return undefined;
  const again = await read();
  if (again && isFinal(again['phase'])) return undefined;
  return { url, phase: String(again?.['phase'] ?? session['phase']), reason: `still ${String(again?.['phase'] ?? session['phase'])} after asking for ${move}` };
}
