import { setMaxListeners } from 'node:events';
import { HttpClient, preferWait } from '../src/client/index.js';
import type { Check, CheckClass, CheckResult, EvidenceMode, Leftover, RunReport, Verdict } from './types.js';
import { CHECK_CLASSES } from './types.js';
import { CheckContext, Stop, TransportError } from './lib/context.js';
import type { RunShared } from './lib/context.js';
import { asArray, isDoc, isFinal, phaseOptions, sessionUrlOf } from './lib/doc.js';
import type { Doc } from './lib/doc.js';
import { sleep, withBusyRetry } from './lib/retry.js';
import { WALL_CLOCK } from './lib/clock.js';
import type { RunClock } from './lib/clock.js';
import { outcomeForBroken, requirementLevel, strongestLevel, strongestRequirement } from './lib/levels.js';
import { phaseUpdate } from './lib/fixtures.js';
import { briefEvidence } from './lib/evidence.js';
import { runHeaders } from './lib/run-headers.js';
import { serialize } from '../src/serialize/index.js';
import { bodyFindingsOf, exitCodeOf, summarize } from '../src/report/conformance/index.js';
import { targetProblem, unreachable, type StartProblem } from './reachable.js';

export { exitCodeOf, summarize };

export interface RunOptions {
  target: string;
  checks: Check[];
  /** Only these classes (default: all). */
  classes?: CheckClass[];
  skipSlow?: boolean;
  /** Per-request timeout. */
  timeoutMs?: number;
  /**
   * Whole-run deadline, cleanup included: the one knob of time. Every check that waits for the broker (expiry,
   * phases, completion) waits as long as it leaves, and the checks stop early enough for the final sweep.
   */
  deadlineMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /**
   * Sent with every request but the anonymous ones (credentials are left off the VOSI checks). Accept,
   * Content-Type and the framing headers are not: each probe sets its own (`PROBE_OWNED_HEADERS`).
   */
  headers?: Record<string, string>;
  /** How credentials were given (names the flag in a 401/403 message). */
  credentials?: 'header' | 'user' | 'token';
  allowedOrigins?: string[];
  concurrency?: number;
  /** First interval of every poll (it backs off while nothing changes). */
  pollIntervalMs?: number;
  /**
   * The run's time source (default: the wall clock). The deadline and every wait are in its time; a test hands
   * the same faster clock to its broker to see minutes-long phases in seconds.
   */
  clock?: RunClock;
  /** Which checks keep headers and bodies in their evidence: those that did not pass (default), or all. */
  evidence?: EvidenceMode;
  /**
   * Stops the run early (Ctrl-C): the checks still running end as the deadline ends them, the rest are not run,
   * and the final sweep still settles every session the run made. The report says it was interrupted.
   */
  signal?: AbortSignal;
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

/** The level of a check: the strongest level of its requirements in the register. */
export function levelOf(check: Pick<Check, 'requirements' | 'level'>): CheckResult['level'] {
  return strongestLevel(check.requirements) ?? check.level;
}

/**
 * What a check's verdict becomes in the report. A fail, warn or info names the requirement found broken (the
 * check's strongest one when it names none); that requirement must be one the check lists, and its level in the
 * register decides the outcome: MUST fails, SHOULD warns, MAY is informational.
 */
export function judge(
  check: Pick<Check, 'id' | 'requirements' | 'level'>,
  v: Verdict,
): Pick<CheckResult, 'outcome' | 'message' | 'broken'> {
  if (v.outcome !== 'fail' && v.outcome !== 'warn' && v.outcome !== 'info')
    return { outcome: v.outcome, message: v.message };
  if (v.outcome === 'warn' && !v.requirement) return { outcome: 'warn', message: v.message };
  const requirement = v.requirement ?? strongestRequirement(check.requirements);
  if (!requirement)
    return {
      outcome: 'error',
      message: `EBK_CHECK_UNLISTED: ${check.id} lists no requirement of the register: ${v.message}`,
    };
  if (!check.requirements.includes(requirement)) {
    // Another check judges that requirement; here it only means this check could not get to its own.
    return {
      outcome: 'skip',
      message: `precondition not met: ${v.message} (${requirement}, which this check does not judge)`,
    };
  }
  const level = requirementLevel(requirement) ?? 'MUST';
  const byLevel = outcomeForBroken(level);
  // A check may soften its own verdict (a warn on a MUST part), never harden it past the register.
  const rank = { fail: 0, warn: 1, info: 2 } as const;
  const outcome = rank[v.outcome] > rank[byLevel as keyof typeof rank] ? v.outcome : byLevel;
  return { outcome, message: v.message, broken: { requirement, level } };
}

/**
 * How long the reachability probe waits, and which bound set it (for its message): --timeout, at most 10 s, and at
 * most a quarter of --deadline, so a stalled broker leaves the run time to report.
 */
function probeWait(timeoutMs: number, deadlineMs: number): { ms: number; bound: string } {
  const quarter = Math.floor(deadlineMs / 4);
  const ms = Math.max(1, Math.min(timeoutMs, PROBE_MAX_MS, quarter));
  const bound =
    ms === timeoutMs ? '--timeout' : ms === quarter ? 'a quarter of --deadline' : 'the longest the probe waits';
  return { ms, bound };
}

const PROBE_MAX_MS = 10_000;

/**
 * Runs the checks against a broker and never throws: every problem becomes a check outcome. A run that cannot
 * start (the target is no http(s) URL, the selection holds no check, nobody answers at the target) returns a
 * report saying so in `notStarted`, every check an error, exit code 2.
 */
export async function runConformance(opts: RunOptions): Promise<RunReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const deadlineMs = opts.deadlineMs ?? 120_000;
  const chosen = selectChecks(opts.checks, opts.classes, opts.skipSlow);
  const cannotStart =
    targetProblem(opts.target) ??
    (chosen.length === 0
      ? { kind: 'no-checks' as const, reason: `the selection holds no check (${selectionText(opts)})` }
      : undefined) ??
    (await unreachable(opts.target, probeWait(opts.timeoutMs ?? 10_000, deadlineMs), opts.signal));
  if (cannotStart) return notStartedReport(opts, chosen, cannotStart, startedAt, t0);
  const clock = opts.clock ?? WALL_CLOCK;
  // The probe's time comes out of the checks' share of the deadline, not out of the final sweep's allowance (a slow
  // /availability left the sweep no time at all, and the run ended past --deadline).
  const probedMs = (performance.now() - t0) * (1000 / clock.realMs(1000));
  const leftMs = Math.max(1, deadlineMs - probedMs);
  const sweepMs = Math.min(CLEANUP_ALLOWANCE_MS, Math.max(200, Math.floor(deadlineMs / 5)));
  const checksMs = Math.max(1, leftMs - sweepMs);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  // Accept and Content-Type stay the probes' own (run-headers.ts): a run-wide one is not sent.
  const { headers } = runHeaders(opts.headers ?? {});
  const run = new AbortController();
  // Every request and wait listens to the run signal; the count is bounded by the concurrency, not leaked.
  setMaxListeners(0, run.signal);
  const deadlineTimer = setTimeout(() => run.abort(), clock.realMs(checksMs));
  const interrupt = (): void => run.abort();
  if (opts.signal?.aborted) run.abort();
  else opts.signal?.addEventListener('abort', interrupt, { once: true });
  const interrupted = (): boolean => opts.signal?.aborted === true;
  const stopped = (): string => (interrupted() ? 'the run was interrupted' : 'the whole-run deadline was reached');
  const client = new HttpClient(opts.target, {
    timeoutMs,
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.maxRedirects !== undefined ? { maxRedirects: opts.maxRedirects } : {}),
    // Headers (credentials among them) are added per request by the check context, which leaves them off
    // the requests that must work anonymously. Prefer: wait (RFC 7240) tells an aggregator under test to answer,
    // with the lower brokers that made it, before this runner's timeout.
    headers: { prefer: preferWait(timeoutMs) },
    allowedOrigins: opts.allowedOrigins ?? [],
    signal: run.signal,
    // Each check has one request in flight, plus the background cleanup of finished checks.
    connections: Math.max(16, 2 * Math.max(1, opts.concurrency ?? 8)),
  });
  // The final sweep must still work after the deadline has aborted the main client; it has its own allowance.
  const sweep = new AbortController();
  setMaxListeners(0, sweep.signal);
  const cleaner = new HttpClient(opts.target, {
    timeoutMs: Math.min(timeoutMs, sweepMs),
    headers,
    allowedOrigins: opts.allowedOrigins ?? [],
    signal: sweep.signal,
  });
  const running = { count: 0 };
  const shared: RunShared = {
    running,
    target: opts.target,
    client,
    signal: run.signal,
    sessions: new Set(),
    offersets: new Set(),
    clock,
    deadlineAt: clock.now() + checksMs,
    runDeadlineMs: deadlineMs,
    expiryRounds: Math.max(
      1,
      Math.ceil(chosen.filter((c) => c.class === 'expiry').length / Math.max(1, opts.concurrency ?? 8)),
    ),
    headers,
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    pollIntervalMs: opts.pollIntervalMs ?? 100,
    reserveMs: Math.min(5_000, Math.max(500, Math.floor(timeoutMs / 2)), Math.floor(checksMs / 4)),
  };
  // An afterAll check judges what the others saw: it runs once they are done.
  const selected = chosen.filter((c) => !c.afterAll);
  const finals = chosen.filter((c) => c.afterAll);
  const results = new Array<CheckResult | undefined>(selected.length);
  const settled = new Set<string>();
  const ctxSessions = new Map<string, Set<string>>();
  const pending: Promise<unknown>[] = [];
  let finished = 0;
  let next = 0;

  /** Runs one check; an afterAll check gets, in `context`, the results of the others. */
  const runOne = async (check: Check, context: RunShared = shared): Promise<CheckResult> => {
    opts.onStart?.(check);
    const ctx = new CheckContext(context, check.requirements);
    running.count++;
    ctxSessions.set(check.id, ctx.created);
    const started = performance.now();
    let v: Verdict;
    try {
      v = await Promise.race([check.run(ctx), abortPromise(run.signal, stopped)]);
    } catch (err) {
      v = toVerdict(err, run.signal, interrupted());
    }
    running.count--;
    const verdict = judge(check, v);
    const evidence =
      verdict.outcome === 'pass' && opts.evidence !== 'all' ? ctx.evidence.map(briefEvidence) : ctx.evidence;
    return { ...base(check), ...verdict, evidence, durationMs: Math.round(performance.now() - started) };
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      const check = selected[index];
      if (!check) return;
      const result = run.signal.aborted ? notRun(check, `not run: ${stopped()} first`) : await runOne(check);
      // Settled in the background with the run's own client (normal timeout, stops at the deadline), so a slow
      // broker's cleanup does not hold up the next check; what is left goes to the final sweep.
      if (!run.signal.aborted) {
        const made = [...(ctxSessions.get(check.id) ?? [])];
        // Once settled they hold nothing: a check waiting for room after a NO stops counting them (submitForOffers).
        const released = cleanup(made, client, headers, settled).then((left) => {
          for (const url of made) if (settled.has(url)) shared.openOffers?.delete(url);
          return left;
        });
        pending.push(released);
      }
      results[index] = result;
      opts.onResult?.(result, ++finished, chosen.length);
    }
  };

  const concurrency = Math.max(1, opts.concurrency ?? 8);
  await Promise.all(Array.from({ length: Math.min(concurrency, selected.length) }, worker));
  // An afterAll check judges what the others saw; a run stopped early (deadline, interrupt) saw too little.
  const earlier = results.filter((r): r is CheckResult => r !== undefined);
  const finalResults: CheckResult[] = [];
  for (const check of finals) {
    const result = run.signal.aborted
      ? notRun(check, `not run: ${stopped()} first`)
      : await runOne(check, { ...shared, earlier });
    finalResults.push(result);
    opts.onResult?.(result, ++finished, chosen.length);
  }
  await Promise.all(pending);
  clearTimeout(deadlineTimer);
  opts.signal?.removeEventListener('abort', interrupt);
  const wasInterrupted = interrupted();
  const deadlineHit = run.signal.aborted && !wasInterrupted;
  // The final sweep: offer sets no check read are read now, and every session not yet settled is settled.
  const sweepTimer = setTimeout(() => sweep.abort(), Math.max(0, clock.realMs(deadlineMs) - (performance.now() - t0)));
  for (const url of await offersetSessions([...shared.offersets], cleaner, opts.target)) shared.sessions.add(url);
  const leftovers = await cleanup([...shared.sessions], cleaner, {}, settled);
  clearTimeout(sweepTimer);
  await Promise.all([client.close(), cleaner.close()]);
  const checks = [...results.map((r, i) => r ?? notRun(selected[i] as Check, 'not run')), ...finalResults];
  return {
    ...reportOf(opts, checks, startedAt, t0),
    leftovers,
    sessionsCreated: shared.sessions.size,
    deadlineHit,
    ...(wasInterrupted ? { interrupted: true as const } : {}),
  };
}

/** What every report holds: the run's target, time and selection, and its checks with their summaries. */
function reportOf(
  opts: RunOptions,
  checks: CheckResult[],
  startedAt: Date,
  t0: number,
): Omit<RunReport, 'leftovers' | 'sessionsCreated' | 'deadlineHit'> {
  return {
    target: opts.target,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    classes: [...(opts.classes ?? CHECK_CLASSES)],
    skipSlow: opts.skipSlow ?? false,
    summary: summarize(checks),
    byClass: Object.fromEntries(
      [...new Set(checks.map((c) => c.class))].map((cls) => [cls, summarize(checks.filter((c) => c.class === cls))]),
    ),
    checks,
    bodyFindings: bodyFindingsOf(checks),
  };
}

function base(check: Check): Pick<CheckResult, 'id' | 'class' | 'level' | 'requirements' | 'title'> {
  return {
    id: check.id,
    class: check.class,
    level: levelOf(check),
    requirements: check.requirements,
    title: check.title,
  };
}

/** The run stopped (deadline or interrupt) while a check ran: its message already says which. */
class RunStopped extends TransportError {}

function abortPromise(signal: AbortSignal, stopped: () => string): Promise<never> {
  return new Promise((_, reject) => {
    const fire = () => reject(new RunStopped(`${stopped()} while the check ran`));
    if (signal.aborted) fire();
    else signal.addEventListener('abort', fire, { once: true });
  });
}

function toVerdict(err: unknown, signal: AbortSignal, interrupted: boolean): Verdict {
  if (err instanceof Stop) return err.verdict;
  if (err instanceof TransportError) {
    const why = interrupted ? 'interrupted' : 'deadline reached';
    // A request the stop aborted does not say why; RunStopped does.
    const says = err instanceof RunStopped;
    return { outcome: 'error', message: signal.aborted && !says ? `${why}: ${err.message}` : err.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { outcome: 'error', message: `EBK_CHECK_CRASHED: the check threw: ${message}` };
}

/** The classes and slow-check choice of a run, as a message names them. */
function selectionText(opts: Pick<RunOptions, 'classes' | 'skipSlow'>): string {
  const classes = opts.classes ? `classes ${opts.classes.join(', ') || '(none)'}` : 'every class';
  return `${classes}${opts.skipSlow ? ', slow checks left out' : ''}`;
}

/** The report of a run that could not start: each selected check an error naming why. */
function notStartedReport(
  opts: RunOptions,
  selected: Check[],
  problem: StartProblem,
  startedAt: Date,
  t0: number,
): RunReport {
  const checks = selected.map((c) => notRun(c, `not run: ${problem.reason}`));
  return {
    ...reportOf(opts, checks, startedAt, t0),
    leftovers: [],
    sessionsCreated: 0,
    deadlineHit: false,
    notStarted: problem,
  };
}

function notRun(check: Check, message: string): CheckResult {
  return { ...base(check), outcome: 'error', message, evidence: [], durationMs: 0 };
}

/** One request through the shared busy-retry (429/503), with the run's headers. */
async function send(
  client: HttpClient,
  headers: Record<string, string>,
  method: string,
  url: string,
  body?: string,
): Promise<unknown> {
  const h: Record<string, string> = {
    ...headers,
    accept: 'application/json',
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
  };
  const { result } = await withBusyRetry(() =>
    client.request({ method, url, headers: h, ...(body !== undefined ? { body } : {}) }),
  );
  return result.ok && result.response.status === 200 ? result.response.parsed?.value : undefined;
}

/** The session URLs of offer sets the run was sent to (a 303) but that no check may have read. */
async function offersetSessions(urls: string[], client: HttpClient, target: string): Promise<string[]> {
  const found: string[] = [];
  await Promise.all(
    urls.map(async (url) => {
      const value = await send(client, {}, 'GET', url).catch(() => undefined);
      for (const offer of asArray(isDoc(value) ? value['offers'] : undefined)) {
        const s = sessionUrlOf(offer, target);
        if (s && client.isAllowed(s)) found.push(s);
      }
    }),
  );
  return found;
}

/**
 * Leaves each session in a final phase: cancel what can be cancelled, reject what is still offered, and read
 * every one back (a 200 to the update is not proof). Returns the sessions it could not settle.
 */
async function cleanup(
  urls: string[],
  client: HttpClient,
  headers: Record<string, string>,
  settled: Set<string>,
): Promise<Leftover[]> {
  const leftovers: Leftover[] = [];
  await Promise.all(
    urls
      .filter((u) => !settled.has(u))
      .map(async (url) => {
        const leftover = await settle(url, client, headers).catch((err: unknown) => ({
          url,
          reason: `cleanup stopped: ${err instanceof Error ? err.message : String(err)}`,
        }));
        if (leftover) leftovers.push(leftover);
        else settled.add(url);
      }),
  );
  return leftovers;
}

async function settle(url: string, client: HttpClient, headers: Record<string, string>): Promise<Leftover | undefined> {
  const read = async (): Promise<Doc | undefined> => {
    const v = await send(client, headers, 'GET', url);
    return isDoc(v) ? v : undefined;
  };
  const session = await read();
  if (!session) return { url, reason: 'could not be read back for cleanup' };
  if (isFinal(session['phase'])) return undefined;
  const options = phaseOptions(session) ?? [];
  const move = options.includes('CANCELLED')
    ? 'CANCELLED'
    : options.includes('REJECTED')
      ? 'REJECTED'
      : session['phase'] === 'OFFERED'
        ? 'REJECTED'
        : 'CANCELLED';
  await send(client, headers, 'POST', url, serialize(phaseUpdate(move), 'json', 'update'));
  // Read back, twice at most: a broker may take a moment to move, but a 200 alone settles nothing.
  let again = await read();
  if (again && !isFinal(again['phase'])) {
    await sleep(300);
    again = await read();
  }
  if (again && isFinal(again['phase'])) return undefined;
  const phase = String(again?.['phase'] ?? session['phase']);
  return {
    url,
    phase,
    reason: again
      ? `still ${phase} after asking for ${move} (read back)`
      : `could not be read back after asking for ${move}`,
  };
}
