/**
 * Waiting for the broker, in one place: the busy-retry of a single request (429/503) and the poll of a session
 * until something holds. Both stop at the run's deadline (its abort signal), never at a budget of their own.
 */
import type { HttpResult } from '../../src/client/index.js';

/** Raised when the run's deadline cuts a wait short; the check errors, it does not fail. */
export class TransportError extends Error {}

/** The broker answered "busy" (429, 503) to every try: no verdict on the request, unless a check can tell more. */
export class BusyAnswer extends TransportError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Statuses that mean "not now" rather than "no": the request is repeated. */
export const BUSY = new Set([429, 503]);
export const BUSY_RETRIES = 2;
/** Longest `Retry-After` honoured between two tries. */
export const BUSY_WAIT_MAX_MS = 2_000;

/** Sleeps `ms`, or until `signal` aborts (then throws TransportError). */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new TransportError('the run deadline was reached');
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
  if (signal?.aborted) throw new TransportError('the run deadline was reached');
}

/** How long a busy answer asks the client to wait, bounded. */
export function retryAfterMs(result: HttpResult): number {
  const after = result.ok ? Number(result.response.headers['retry-after']) : Number.NaN;
  return Number.isFinite(after) && after >= 0 ? Math.min(after * 1000, BUSY_WAIT_MAX_MS) : 500;
}

/**
 * Sends with `attempt`, and again (BUSY_RETRIES times at most) while the broker answers 429 or 503.
 * `onRetry` sees every answer that was retried (evidence, notes). Returns the last result.
 */
export async function withBusyRetry(
  attempt: () => Promise<HttpResult>,
  opts: {
    signal?: AbortSignal;
    wait?: (ms: number) => Promise<void>;
    onResult?: (r: HttpResult, retried: boolean) => void;
  } = {},
): Promise<{ result: HttpResult; tries: number }> {
  let result = await attempt();
  let tries = 1;
  while (result.ok && BUSY.has(result.response.status) && tries <= BUSY_RETRIES) {
    opts.onResult?.(result, true);
    // Retry-After is the broker's real seconds, so the wait is real too unless the caller says otherwise.
    await (opts.wait ? opts.wait(retryAfterMs(result)) : sleep(retryAfterMs(result), opts.signal));
    result = await attempt();
    tries++;
  }
  opts.onResult?.(result, false);
  return { result, tries };
}

export interface PollOptions<T = unknown> {
  /** Wall-clock time (Date.now()) at which polling stops, whatever `done` says. */
  until: number;
  /** Shortest interval, used right after a change. */
  initialMs: number;
  /** Longest interval between two reads. */
  maxMs: number;
  signal?: AbortSignal;
  /** The run's clock (default: the wall clock). */
  now?: () => number;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The longest the next wait may be after reading `v`, never below `initialMs` (undefined: the backoff's). */
  cap?: (v: T, now: number) => number | undefined;
}

/**
 * Reads with `read` until `done` holds or `until` passes. The interval backs off while the value's `key` stays
 * the same, to a tenth of the time it has stayed so (a phase that lasted a minute is read every 6 s, one that
 * just began every `initialMs`), so short phases after short ones are still seen. Returns every value read.
 */
export async function pollWithBackoff<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  key: (v: T) => string,
  opts: PollOptions<T>,
): Promise<T[]> {
  const now = opts.now ?? Date.now;
  const wait = opts.wait ?? sleep;
  const seen: T[] = [];
  let last: string | undefined;
  let since = now();
  for (;;) {
    const v = await read();
    seen.push(v);
    const k = key(v);
    if (k !== last) {
      last = k;
      since = now();
    }
    const left = opts.until - now();
    if (done(v) || left <= 0) return seen;
    const backoff = Math.min(opts.maxMs, Math.max(opts.initialMs, (now() - since) / 10));
    const interval = Math.min(backoff, Math.max(opts.initialMs, opts.cap?.(v, now()) ?? backoff));
    await wait(Math.min(interval, left), opts.signal);
  }
}
