/**
 * Following one execution session: read it, accept an offer, cancel it, watch it to its end (EB-UPD-01…04).
 * Every call is bounded by the client limits and returns a value; nothing throws.
 */
import { UPDATE_KINDS } from '../model/kinds.js';
import {
  isAcceptedPhase,
  isFinalPhase,
  isSessionPhase,
  type EnumValueUpdate,
  type SessionPhase,
} from '../model/index.js';
import { clientFor, exchange, oneLine, readOutcome, type BrokerCallOptions, type DocumentOutcome } from './exchange.js';
import { postDocument } from './negotiate.js';
import { preferWait } from './prefer-wait.js';
import type { HttpClient } from './http.js';

export type { SessionPhase };

const isPhase = isSessionPhase;

/** A session document and its phase, or why there is none. */
export type SessionOutcome =
  | { ok: true; url: string; phase: SessionPhase; document: Record<string, unknown> }
  | {
      ok: false;
      kind: 'unreachable' | 'refused' | 'invalid';
      reason: string;
      status?: number;
      code?: string;
      phase?: SessionPhase;
    };

/** The update document that moves a session to `phase` (the only update kind the standard's brokers implement). */
export function phaseUpdate(phase: SessionPhase): EnumValueUpdate & { kind: 'uri:enum-value-update' } {
  return { kind: UPDATE_KINDS.EnumValueUpdate, path: 'phase', value: phase };
}

function asSession(out: DocumentOutcome, fallbackUrl: string): SessionOutcome {
  if (!out.ok) return out;
  const phase = out.value.phase;
  // An offer set's URL given where a session's was meant: say which it is, and what to do.
  if (phase === undefined && (out.value.result === 'YES' || out.value.result === 'NO'))
    return {
      ok: false,
      kind: 'invalid',
      reason: `answered an offer set (result ${String(out.value.result)}), not a session: give the URL of one of its offers (meta.url)`,
      status: out.status,
    };
  if (!isPhase(phase)) {
    const shown = typeof phase === 'string' ? `"${oneLine(phase, 40)}"` : 'no phase';
    return { ok: false, kind: 'invalid', reason: `answered a session with ${shown}`, status: out.status };
  }
  const meta = out.value.meta;
  const url =
    typeof meta === 'object' && meta !== null && typeof (meta as { url?: unknown }).url === 'string'
      ? (meta as { url: string }).url
      : fallbackUrl;
  return { ok: true, url, phase, document: out.value };
}

async function withClient<T>(
  url: string,
  opts: SessionCallOptions,
  run: (client: HttpClient) => Promise<T>,
): Promise<T> {
  const client = opts.client ?? clientFor(url, opts);
  try {
    return await run(client);
  } finally {
    if (!opts.client) await client.close();
  }
}

export interface SessionCallOptions extends BrokerCallOptions {
  /** A client to reuse (its origin must be the session's); by default one is made and closed per call. */
  client?: HttpClient;
}

/** GET a session. */
export async function getSession(url: string, opts: SessionCallOptions = {}): Promise<SessionOutcome> {
  return withClient(url, opts, async (client) =>
    asSession(await exchange(client, { method: 'GET', url, followRedirects: true }), url),
  );
}

/** POSTs the phase update to a session URL; ok when the broker answered 2xx with a session document. */
export async function updatePhase(
  url: string,
  phase: SessionPhase,
  opts: SessionCallOptions = {},
): Promise<SessionOutcome> {
  // Through postDocument, as every body the client sends: a phase no serialiser can write is a failure, not a throw.
  return withClient(url, opts, async (client) =>
    asSession(
      readOutcome(
        // Prefer: wait tells an aggregator how long this client waits, so its answer (even "unsettled") comes first.
        await postDocument(client, url, phaseUpdate(phase), 'update', {
          format: 'json',
          headers: { prefer: preferWait(client.limits.timeoutMs) },
        }),
      ),
      url,
    ),
  );
}

/** The session read after a refused update (a 409 says only that the update was not offered), when it can be read. */
async function readAfterRefusal(out: SessionOutcome, url: string, opts: SessionCallOptions): Promise<SessionOutcome> {
  // Only a 409 leaves the phase open (a 404 or 401 says the session cannot be read either).
  if (out.ok || out.kind !== 'refused' || out.phase !== undefined || out.status !== 409) return out;
  return getSession(url, opts);
}

/** The refusal, with the phase the session was read in afterwards (EXPIRED, REJECTED, ACCEPTED…) when it was. */
const withPhase = (out: SessionOutcome, read: SessionOutcome): SessionOutcome =>
  !out.ok && read.ok ? { ...out, phase: read.phase } : out;

/** Accepts an offer; ok only when the session the broker returns is accepted (or already further on). */
export async function acceptOffer(url: string, opts: SessionCallOptions = {}): Promise<SessionOutcome> {
  const out = await updatePhase(url, 'ACCEPTED', opts);
  if (out.ok && !isAcceptedPhase(out.phase))
    return { ok: false, kind: 'refused', reason: `the session is ${out.phase}, not ACCEPTED`, phase: out.phase };
  return withPhase(out, await readAfterRefusal(out, url, opts));
}

/**
 * Rejects an offer (one not taken); ok when the session is REJECTED or already over: an offer that expired, or one
 * its broker withdrew when a sibling was accepted, refuses the update (409), and the session read then shows it over.
 */
export async function rejectOffer(url: string, opts: SessionCallOptions = {}): Promise<SessionOutcome> {
  const out = await updatePhase(url, 'REJECTED', opts);
  if (out.ok && !isFinalPhase(out.phase))
    return { ok: false, kind: 'refused', reason: `the session is ${out.phase}, not REJECTED`, phase: out.phase };
  const read = await readAfterRefusal(out, url, opts);
  return read.ok && isFinalPhase(read.phase) ? read : withPhase(out, read);
}

/** Cancels a session; ok only when the broker shows it CANCELLED. */
export async function cancelSession(url: string, opts: SessionCallOptions = {}): Promise<SessionOutcome> {
  const out = await updatePhase(url, 'CANCELLED', opts);
  if (out.ok && out.phase !== 'CANCELLED')
    return { ok: false, kind: 'refused', reason: `the session is ${out.phase}, not CANCELLED`, phase: out.phase };
  return out;
}

export interface WatchOptions extends SessionCallOptions {
  /** First wait between reads (default 1000 ms); it doubles while the phase stays, up to `maxIntervalMs`. */
  intervalMs?: number;
  /** Longest wait between reads (default 8 × intervalMs, at most 60 s). */
  maxIntervalMs?: number;
  /** Give up after this long (default: no limit); `timeoutMs` still bounds each read. */
  deadlineMs?: number;
  /** Consecutive failed reads before giving up (default 3). */
  maxFailures?: number;
  /** Called on every read: the phase and whether it changed. */
  onRead?: (read: { phase: SessionPhase; changed: boolean; document: Record<string, unknown> }) => void;
  /** Injected for tests; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * How a watch ended: `completed` (COMPLETED), `ended` (another final phase: FAILED, CANCELLED, EXPIRED,
 * REJECTED), `timeout`, `unreachable` (reads kept failing), `refused` (a 4xx, e.g. an unknown session),
 * `invalid` (the broker's answer is not a session).
 */
export type WatchResult =
  | { outcome: 'completed' | 'ended'; phase: SessionPhase; phases: SessionPhase[] }
  | {
      outcome: 'timeout' | 'unreachable' | 'refused' | 'invalid';
      phase?: SessionPhase;
      phases: SessionPhase[];
      reason: string;
    };

/** Polls a session until it reaches a final phase, with backoff; the wait resets whenever the phase changes. */
export async function watchSession(url: string, opts: WatchOptions = {}): Promise<WatchResult> {
  const interval = Math.max(10, opts.intervalMs ?? 1000);
  const maxInterval = Math.max(interval, opts.maxIntervalMs ?? Math.min(60_000, interval * 8));
  const maxFailures = opts.maxFailures ?? 3;
  const now = opts.now ?? (() => Date.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const deadline = opts.deadlineMs !== undefined ? now() + opts.deadlineMs : Infinity;
  const phases: SessionPhase[] = [];
  return withClient(url, opts, async (client) => {
    let wait = interval;
    let failures = 0;
    for (;;) {
      const read = await getSession(url, { ...opts, client });
      const last = phases.at(-1);
      if (read.ok) {
        failures = 0;
        const changed = read.phase !== last;
        if (changed) {
          phases.push(read.phase);
          wait = interval;
        }
        opts.onRead?.({ phase: read.phase, changed, document: read.document });
        if (read.phase === 'COMPLETED') return { outcome: 'completed', phase: read.phase, phases };
        if (isFinalPhase(read.phase)) return { outcome: 'ended', phase: read.phase, phases };
      } else {
        if (read.kind === 'invalid' || (read.kind === 'refused' && read.status !== undefined && read.status < 500)) {
          return { outcome: read.kind, ...(last ? { phase: last } : {}), phases, reason: read.reason };
        }
        if (++failures >= maxFailures)
          return {
            outcome: 'unreachable',
            ...(last ? { phase: last } : {}),
            phases,
            reason: `could not be read ${failures} times in a row (the last time it ${read.reason})`,
          };
      }
      const left = deadline - now();
      const seen = phases.at(-1);
      if (left <= 0)
        return {
          outcome: 'timeout',
          ...(seen ? { phase: seen } : {}),
          phases,
          reason: `reached no final phase within ${(opts.deadlineMs ?? 0) / 1000} s`,
        };
      await sleep(Math.min(wait, left));
      wait = Math.min(maxInterval, wait * 2);
    }
  });
}
