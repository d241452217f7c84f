import type { AcceptValue, Evidence, HttpClient, HttpRequest, SendOptions } from '../../src/client/index.js';
import { acceptHeader, undecodableCoding } from '../../src/client/index.js';
import { MEDIA_TYPES, serialize } from '../../src/serialize/index.js';
import type { Format } from '../../src/parse/index.js';
import type { DocumentType, Finding } from '../../src/findings.js';
import type { CheckResult, Outcome } from '../../src/report/conformance/index.js';
import type { RequirementId, Verdict } from '../verdict.js';
import { isRequirementId } from '../../src/model/requirements.js';
import { executionRequest, phaseUpdate } from './fixtures.js';
import type { RequestShape } from './fixtures.js';
import { BusyAnswer, TransportError, pollWithBackoff, withBusyRetry } from './retry.js';
import type { RunClock } from './clock.js';
import { findingText, noteOn, toExchange } from './evidence.js';
import type { Exchange } from './evidence.js';
import { errorDocumentIssues, refusalIssues } from './errors.js';
import type { RefusalIssue } from './errors.js';
import { asArray, get, isDoc, isFinal, phaseOptions, resultText, sessionUrlOf } from './doc.js';
import { credentialsProblem, handedOut } from './tracking.js';
import type { Doc } from './doc.js';
import { toText } from '../../src/util/index.js';

export { TransportError } from './retry.js';
export type { Exchange } from './evidence.js';
export { errorDocumentProblem, refusalProblem, codeProblem } from './errors.js';
export type { RefusalIssue } from './errors.js';
export { asArray, get, isActive, isDoc, isFinal, phaseOptions, sessionUrlOf } from './doc.js';
export type { Doc } from './doc.js';

/** Thrown by a check to end with a verdict (fail, skip, …) without threading returns through helpers. */
export class Stop extends Error {
  constructor(readonly verdict: Verdict) {
    super(verdict.message);
  }
}

/** Longest interval between two reads of a polled session (so a phase of a second and a half is always seen). */
export const POLL_MAX_MS = 1_000;
/** Asking again after a NO while other checks hold offers: first wait, longest wait, longest in all. */
const CAPACITY_RETRY_FIRST_MS = 1_000;
const CAPACITY_RETRY_MAX_MS = 8_000;
const CAPACITY_WAIT_MAX_MS = 30_000;
/** Past the last lapse of the offers others hold, how long a full platform is still given to show room. */
const LAPSE_MARGIN_MS = 3_000;
/** How long an offer that states no expiry is taken to hold what it was given. */
const UNSTATED_OFFER_LIFETIME_MS = 60_000;
/** Left before the checks' deadline when a check stops asking again, so it still judges what it got. */
const CAPACITY_WAIT_RESERVE_MS = 10_000;

/** Bodies above this size are sent again when the connection is reset while they are written. */
const LARGE_BODY_BYTES = 1024 * 1024;

/** Header names that carry credentials: never sent to what must work anonymously (EB-VOSI-03). */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** What every check shares with the rest of the run. */
export interface RunShared {
  target: string;
  client: HttpClient;
  signal: AbortSignal;
  /** Session URLs the run created, for cleanup. */
  sessions: Set<string>;
  /**
   * Offers seen OFFERED, by URL, with the time (run clock) until which each may hold the broker's resources: its
   * expiry (EB-OFF-10). Optional so a RunShared built elsewhere needs none.
   */
  openOffers?: Map<string, number>;
  /** How many checks are running now (the runner counts them); others may be about to be given offers. */
  running?: { count: number };
  /** Sessions seen in a final phase, by URL: the first final phase seen, and when (run clock). */
  finals?: Map<string, { phase: string; at: number }>;
  /** Sessions seen in another phase after a final one (EB-LIFE-08: a final phase has no transition). */
  revived?: Map<string, { from: string; to: string; afterMs: number }>;
  /** Offer-set URLs the run was sent to (their offers are cleaned up even when no check read them). */
  offersets: Set<string>;
  /** The run's time source (the wall clock, or a faster one a test shares with its broker). */
  clock: RunClock;
  /** When the checks must be done (the run clock's time): the whole-run deadline less the final sweep. */
  deadlineAt: number;
  /** The whole-run deadline the run was given (ms), for advice on the one a check would need. */
  runDeadlineMs: number;
  /** How many times over the run's expiry checks each wait out a lifetime: ⌈expiry checks / concurrency⌉. */
  expiryRounds: number;
  /** Headers sent with every request (--header, --user, --token); credentials are left off anonymous requests. */
  headers: Record<string, string>;
  /** How the run was given credentials, for the message of a 401/403. */
  credentials?: 'header' | 'user' | 'token';
  /** First interval of every poll; it backs off while nothing changes. */
  pollIntervalMs: number;
  /** Time a check keeps in hand after a wait, for the reads that judge it. */
  reserveMs: number;
  /** The results of the run's other checks, set once they have all finished (for an `afterAll` check). */
  earlier?: readonly CheckResult[];
}

export const verdict = {
  pass: (message: string): Verdict => ({ outcome: 'pass', message }),
  fail: (message: string, requirement?: RequirementId): Verdict => ({
    outcome: 'fail',
    message,
    ...(requirement ? { requirement } : {}),
  }),
  warn: (message: string, requirement?: RequirementId): Verdict => ({
    outcome: 'warn',
    message,
    ...(requirement ? { requirement } : {}),
  }),
  skip: (message: string): Verdict => ({ outcome: 'skip', message }),
  na: (message: string): Verdict => ({ outcome: 'na', message }),
};

/**
 * The handle a check drives the broker through. Every exchange is recorded as evidence and every body
 * validated; helpers end the check with `Stop`.
 */
export class CheckContext {
  readonly evidence: Evidence[] = [];
  /** Sessions this check created (cleaned up by the runner afterwards). */
  readonly created = new Set<string>();

  /** `requirements`: the IDs the running check lists, the only ones its validator findings may be judged on. */
  constructor(
    private readonly shared: RunShared,
    private readonly requirements: readonly string[] = [],
  ) {}

  get target(): string {
    return this.shared.target;
  }
  /** Whether the run may contact `url` (the target's origin or one passed with --allow-origin). */
  allowed(url: string): boolean {
    return this.shared.client.isAllowed(url);
  }
  get client(): HttpClient {
    return this.shared.client;
  }

  url(path: string): string {
    return new URL(path.replace(/^\//, ''), `${this.shared.target.replace(/\/$/, '')}/`).href;
  }

  /** Ends the check as failed; `requirement` names the requirement found broken (else the check's strongest). */
  fail(message: string, requirement?: RequirementId): never {
    throw new Stop(verdict.fail(message, requirement));
  }
  skip(message: string): never {
    throw new Stop(verdict.skip(message));
  }
  warn(message: string, requirement?: RequirementId): never {
    throw new Stop(verdict.warn(message, requirement));
  }
  /** The requirement does not apply to this broker (a conformant choice made it moot). */
  na(message: string): never {
    throw new Stop(verdict.na(message));
  }
  /**
   * Ends the check when `cond` is false: as failed on `how` when it is a requirement ID (or on the check's
   * strongest requirement when omitted), or with `how` as the outcome.
   */
  ensure(cond: unknown, message: string, how: Outcome | RequirementId = 'fail'): asserts cond {
    if (cond) return;
    if (isRequirementId(how)) throw new Stop({ outcome: 'fail', message, requirement: how });
    throw new Stop({ outcome: how, message });
  }

  /** Whether the running check lists `requirement`, and so may judge it. */
  judges(requirement: string): boolean {
    return this.requirements.includes(requirement);
  }

  /**
   * A condition under `requirement` met on the way to what the check is about. Broken, it fails the check when
   * the check lists `requirement`; otherwise it is a note and the check goes on judging its own requirements
   * (the checks that list `requirement` judge it: STYLE.md item 24).
   */
  judgeOrNote(cond: unknown, message: string, requirement: RequirementId): void {
    if (cond) return;
    if (this.judges(requirement)) this.fail(message, requirement);
    this.note(`${message} (${requirement}, judged by the checks that cite it)`);
  }

  note(note: string): void {
    // The same observation made twice on one exchange (two expectations on one answer) is noted once.
    if (this.evidence.at(-1)?.note?.includes(note)) return;
    noteOn(this.evidence, note);
  }

  /** The results of every other check of the run; only an `afterAll` check, which runs after them, has any. */
  earlierResults(): readonly CheckResult[] {
    return this.shared.earlier ?? [];
  }

  /** The run clock's now: compare the broker's instants (expires, starts) with this, never with Date.now(). */
  now(): number {
    return this.shared.clock.now();
  }

  /** Time left before the checks' deadline. */
  remainingMs(): number {
    return Math.max(0, this.shared.deadlineAt - this.now());
  }

  /** The whole-run deadline this run was given, in ms. */
  runDeadlineMs(): number {
    return this.shared.runDeadlineMs;
  }

  /** How many lifetimes the run's expiry checks wait one after another (1 when they run side by side). */
  expiryRounds(): number {
    return this.shared.expiryRounds;
  }

  /** The latest instant (run clock) a wait may last to, leaving the check time to judge what it waited for. */
  waitUntil(): number {
    return this.shared.deadlineAt - this.shared.reserveMs;
  }

  /** Polls like `poll`, with `read` doing the reading (to act on each new phase as it is seen). */
  async watch<T>(read: () => Promise<T>, done: (v: T) => boolean, key: (v: T) => string): Promise<T[]> {
    return pollWithBackoff(read, done, key, {
      until: this.waitUntil(),
      initialMs: this.shared.pollIntervalMs,
      maxMs: Math.max(this.shared.pollIntervalMs, POLL_MAX_MS),
      signal: this.shared.signal,
      now: () => this.now(),
      wait: (ms, signal) => this.shared.clock.sleep(ms, signal),
    });
  }

  request(shape?: RequestShape): Doc {
    return executionRequest(shape);
  }

  async sleep(ms: number): Promise<void> {
    await this.shared.clock.sleep(ms, this.shared.signal);
  }

  /**
   * Any HTTP exchange. A busy broker (429/503) is asked again briefly; a transport failure ends the check as
   * `error`. `anonymous` sends no credentials (the VOSI endpoints must answer without them, EB-VOSI-03).
   */
  async send(req: HttpRequest, expect?: DocumentType, opts: { anonymous?: boolean } = {}): Promise<Exchange> {
    const anonymous = opts.anonymous ?? false;
    const base = Object.fromEntries(
      Object.entries(this.shared.headers).filter(([k]) => !anonymous || !CREDENTIAL_HEADERS.has(k.toLowerCase())),
    );
    const full: HttpRequest = { ...req, headers: { ...base, ...(req.headers ?? {}) } };
    // A broker that refuses a large body early (413, then closing the connection, as HTTP servers do) can reset
    // the connection before the runner reads its answer: such a request is sent again, twice at most.
    const large =
      (typeof req.body === 'string' ? Buffer.byteLength(req.body) : (req.body?.byteLength ?? 0)) > LARGE_BODY_BYTES;
    const attempt = async () => {
      let r = await this.shared.client.request(full);
      for (let i = 0; large && i < 2 && !r.ok && r.failure.kind === 'reset'; i++) {
        this.evidence.push(r.evidence);
        this.note('the connection was reset while the body was sent; sent again');
        r = await this.shared.client.request(full);
      }
      return r;
    };
    const { result, tries } = await withBusyRetry(attempt, {
      signal: this.shared.signal,
      wait: (ms) => this.sleep(ms),
      onResult: (r, retried) => {
        this.evidence.push(r.evidence);
        if (retried && r.ok) this.note(`answered ${r.response.status}; asked again`);
      },
    });
    if (!result.ok && large && result.failure.kind === 'reset')
      throw new TransportError(
        `${req.method} ${req.url}: ${result.failure.kind}: ${result.failure.message}, 3 times: the broker closed the connection while the body was sent and no answer could be read; a server that refuses a body should read on for a moment before it closes (RFC 9112 §9.6), so that the client reads its 413`,
      );
    if (!result.ok) {
      // A reset while other checks run is as often the server's short listen queue as this request: say how to tell.
      const others = (this.shared.running?.count ?? 1) - 1;
      const load =
        result.failure.kind === 'reset' && others > 0
          ? `; ${others} other check(s) were running at the time, and a server with a short listen queue (Python's http.server queues 5) resets connections under load: a run with --concurrency 1 tells the two apart`
          : '';
      throw new TransportError(`${req.method} ${req.url}: ${result.failure.kind}: ${result.failure.message}${load}`);
    }
    const res = result.response;
    if (res.status === 429 || res.status === 503) {
      throw new BusyAnswer(
        `${req.method} ${req.url}: answered ${res.status} (busy or unavailable) ${tries} times in a row`,
        res.status,
      );
    }
    // An anonymous request is judged by its check (a VOSI endpoint must answer it); any other is the run's to
    // authorise.
    const exchange = await toExchange(res, result.evidence, expect);
    if ((res.status === 401 || res.status === 403) && !anonymous) {
      // The refusal is still an answer the standard shapes: a check citing EB-ERR-01 judges its error document.
      const document = errorDocumentIssues(exchange).find((i) => i.requirement === 'EB-ERR-01');
      if (document)
        this.judgeOrNote(false, `${req.method} ${res.url} answered ${res.status}: ${document.message}`, 'EB-ERR-01');
      // Credentials are the run's to supply, so the check could not run; it says so instead of failing on it.
      const why = credentialsProblem(res.status, this.shared.credentials);
      this.skip(`precondition not met: credentials needed: ${req.method} ${res.url} answered ${res.status}: ${why}`);
    }
    this.trackAnswer(req, exchange);
    return exchange;
  }

  /** Remembers every session and offer set an answer hands out, whichever check asked. */
  private trackAnswer(req: HttpRequest, ex: Exchange): void {
    const found = handedOut(req, ex);
    if (found?.offerset && this.allowed(found.offerset)) this.shared.offersets.add(found.offerset);
    for (const s of found?.sessions ?? []) this.track(s);
    // A session read or updated (what is handed out was tracked above): its phase, for lifecycle-final-phases-stay.
    const doc = found === undefined && ex.status === 200 && isDoc(ex.value) ? ex.value : undefined;
    const url = doc && typeof doc['phase'] === 'string' ? sessionUrlOf(doc, this.shared.target) : undefined;
    if (doc && url && this.shared.client.isAllowed(url)) this.trackPhase(url, String(doc['phase']));
  }

  async get(url: string, opts: { accept?: AcceptValue; expect?: DocumentType } = {}): Promise<Exchange> {
    const headers: Record<string, string> = {};
    if (opts.accept !== undefined) headers['accept'] = acceptHeader(opts.accept);
    return this.send({ method: 'GET', url, headers }, opts.expect);
  }

  async post(
    url: string,
    value: unknown,
    docType: DocumentType,
    opts: SendOptions & { expect?: DocumentType },
  ): Promise<Exchange> {
    const body = serialize(value, opts.format, docType);
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const contentType = opts.contentType ?? MEDIA_TYPES[opts.format];
    if (contentType !== '') headers['content-type'] = contentType;
    if (opts.accept !== undefined) headers['accept'] = acceptHeader(opts.accept);
    return this.send(
      { method: 'POST', url, headers, body, followRedirects: opts.followRedirects ?? false },
      opts.expect,
    );
  }

  /**
   * Refuses a URL the broker handed out when it points at another origin. A relative reference is resolved
   * against `base` (the URL of the answer that carried it, as RFC 9110 says for Location), else the target.
   */
  followable(url: unknown, what: string, base: string = this.shared.target, requirement?: RequirementId): string {
    this.ensure(typeof url === 'string' && url.length > 0, `${what} is missing`, requirement ?? 'fail');
    let absolute: string;
    try {
      absolute = new URL(url, base).href;
    } catch {
      this.fail(`${what} is not a URL: ${url}`, requirement);
    }
    this.ensure(
      /^https?:$/.test(new URL(absolute).protocol),
      `${what} is not an http(s) URL: ${absolute}`,
      requirement ?? 'fail',
    );
    // Another origin is not wrong in itself (a canonical host name, a gateway), so it is a precondition, not a fail.
    this.ensure(
      this.shared.client.isAllowed(absolute),
      `precondition not met: ${what} points at another origin (${absolute}), which the run does not follow; pass --allow-origin ${new URL(absolute).origin} to follow it`,
      'skip',
    );
    return absolute;
  }

  /**
   * POST /requests and obtain the offer set (following a 303, or reading a 200 body).
   * Every offer's session URL is remembered for cleanup.
   */
  async submit(
    request: unknown = this.request(),
    opts: { format?: Format; accept?: AcceptValue } = {},
  ): Promise<{ offerset: Doc; offersetUrl?: string; first: Exchange; final: Exchange }> {
    let format = opts.format ?? 'json';
    const accept = opts.accept ?? format;
    let first = await this.post(this.url('/requests'), request, 'request', { format, accept, expect: 'offerset' });
    // A broker must read both JSON and YAML (EB-HTTP-01). A check that does not judge that sends the request in
    // the other one, so that a broker refusing one of them is judged on everything else.
    const other = format === 'json' ? 'yaml' : format === 'yaml' ? 'json' : undefined;
    if (first.status === 415 && other && !this.judges('EB-HTTP-01')) {
      this.note(
        `a ${format.toUpperCase()} request body was refused with 415 (EB-HTTP-01, judged by the checks that cite it); sent again as ${other.toUpperCase()}`,
      );
      format = other;
      first = await this.post(this.url('/requests'), request, 'request', { format, accept, expect: 'offerset' });
    }
    return { first, ...(await this.offersetAfter(first, accept, format)) };
  }

  /**
   * The offer set an answer to POST /requests leads to: the 303's Location read with GET, or the 200 body. A
   * Location that does not serve the offer set is named as such (EB-HTTP-06), never as a missing result.
   */
  async offersetAfter(
    first: Exchange,
    accept: AcceptValue = 'json',
    format: Format = 'json',
  ): Promise<{ offerset: Doc; offersetUrl?: string; final: Exchange }> {
    let final = first;
    let offersetUrl: string | undefined;
    if (first.status === 303) {
      offersetUrl = this.followable(
        first.headers['location'],
        'the Location header of the 303 answer to POST /requests',
        first.url,
        'EB-HTTP-06',
      );
      final = await this.get(offersetUrl, { accept, expect: 'offerset' });
      this.ensure(
        final.status === 200,
        `the Location of the 303 answer to POST /requests (${offersetUrl}) is wrong: GET of it answered ${final.status}, expected 200 with the offer set`,
        'EB-HTTP-06',
      );
    } else {
      const code = isDoc(first.value) && typeof first.value['code'] === 'string' ? ` ${first.value['code']}` : '';
      // A refusal (4xx/5xx) is held against the check's own requirement: accepting this request is what the check
      // is about, unless it is a 415 to a JSON or YAML body, which every broker must read (EB-HTTP-01). Any other
      // success or redirect than 303/200 (201, 302, …) breaks EB-HTTP-06, whoever sent it.
      const unread = first.status === 415 && (format === 'json' || format === 'yaml');
      this.ensure(
        first.status === 200,
        `POST /requests answered ${first.status}${code}, expected 303 or 200 with the offer set${unread ? ` (a ${format.toUpperCase()} body must be read)` : ''}`,
        unread ? 'EB-HTTP-01' : first.status >= 400 ? 'fail' : 'EB-HTTP-06',
      );
    }
    this.ensure(
      isDoc(final.value),
      `the offer set body could not be read (asked for ${format.toUpperCase()}; Content-Type ${final.headers['content-type'] ?? 'none'}, ${Buffer.byteLength(final.text)} bytes)${unreadableWhy(final)}`,
    );
    const offerset = final.value;
    for (const offer of asArray(offerset['offers'])) this.track(offer);
    return { offerset, ...(offersetUrl ? { offersetUrl } : {}), final };
  }

  /**
   * Like `submit`, but needs a YES offer set with at least `min` offers. A NO answer is a precondition (skip);
   * fewer offers than `min` (but at least one) means the check does not apply: alternatives are a MAY (EB-OFF-15).
   */
  async offers(min: number, shape?: RequestShape): Promise<{ offerset: Doc; offers: Doc[] }> {
    const { offerset } = await this.submitForOffers(this.request(shape));
    const offers = asArray(offerset['offers']).filter(isDoc);
    if (offerset['result'] === 'YES' && offers.length >= 1 && offers.length < min) {
      this.na(
        `not applicable: the broker made ${offers.length} offer(s) where ${min} were needed; making only one offer is its right (EB-OFF-15)`,
      );
    }
    if (offerset['result'] !== 'YES' || offers.length < min) {
      this.skip(
        `precondition not met: needed a YES offer set with at least ${min} offer(s), got ${resultText(offerset['result'])} with ${offers.length}`,
      );
    }
    return { offerset, offers };
  }

  /**
   * `submit` for a check that needs offers. A NO may be the run's own doing: on a small platform the offers other
   * checks hold (they keep their reservations until they lapse, EB-OFF-10) fill it, and a NO is its right
   * (EB-ERR-15). While other checks have offers out, the request is made again, backing off, within a bounded share
   * of the deadline; the last answer is returned.
   */
  async submitForOffers(request: Doc): Promise<{ offerset: Doc }> {
    let { offerset } = await this.submit(request);
    // While offers others hold may go (settled when their check ends, or lapsed, EB-OFF-10), within a bounded wait
    // that leaves time for the last request (two timeouts: it may be retried once busy) before the checks' deadline.
    // Past a short wait, only a platform shown full (an ordinary request is answered NO too) is waited on further,
    // until the offers held now have lapsed: a NO to this request alone would never change, and must not hold up
    // the checks queued behind this one.
    const reserveMs = Math.max(CAPACITY_WAIT_RESERVE_MS, 2 * this.shared.client.limits.timeoutMs);
    const lastWaitAt = this.waitUntil() - reserveMs;
    let giveUpAt = Math.min(this.now() + CAPACITY_WAIT_MAX_MS, lastWaitAt);
    let waitMs = CAPACITY_RETRY_FIRST_MS;
    let tries = 1;
    let extended = false;
    // The first time also while other checks run: their offers may be on their way, not yet seen here.
    while (
      offerset['result'] === 'NO' &&
      (this.othersHoldOffers() || (tries === 1 && (this.shared.running?.count ?? 0) > 1))
    ) {
      if (this.now() + waitMs > giveUpAt) {
        if (extended || !this.othersHoldOffers()) break;
        extended = true;
        if (!(await this.platformFull())) break;
        giveUpAt = Math.min(lastWaitAt, Math.max(giveUpAt, this.othersHeldUntil() + LAPSE_MARGIN_MS));
        if (this.now() + waitMs > giveUpAt) break;
      }
      await this.sleep(waitMs);
      ({ offerset } = await this.submit(request));
      tries++;
      waitMs = Math.min(waitMs * 2, CAPACITY_RETRY_MAX_MS);
    }
    if (tries > 1)
      this.note(
        `answered NO, then asked ${tries - 1} more time(s) while other checks held offers (a small platform may be full of them)`,
      );
    return { offerset };
  }

  /** True when an ordinary request is answered NO too; any offers it is given are rejected at once (room kept). */
  private async platformFull(): Promise<boolean> {
    const { offerset } = await this.submit(this.request());
    for (const offer of asArray(offerset['offers'])) {
      const url = sessionUrlOf(offer, this.shared.target);
      if (!url || !this.shared.client.isAllowed(url)) continue;
      await this.post(url, phaseUpdate('REJECTED'), 'update', { format: 'json', accept: 'json' }).catch(
        () => undefined,
      );
    }
    return offerset['result'] !== 'YES';
  }

  /** When the last of the offers other checks hold now lapses (run clock). */
  private othersHeldUntil(): number {
    let last = this.now();
    for (const [url, until] of this.shared.openOffers ?? []) if (!this.created.has(url)) last = Math.max(last, until);
    return last;
  }

  /**
   * True when offers other checks were given may still hold the platform this check asks of: not yet settled (a
   * check's offers are settled when it ends) and not yet expired. Room may come as soon as one of them goes.
   */
  private othersHoldOffers(): boolean {
    const now = this.now();
    for (const [url, until] of this.shared.openOffers ?? []) if (!this.created.has(url) && until > now) return true;
    return false;
  }

  /** A fresh offer set's first offer, read back; the check skips when that offer does not offer REJECTED. */
  async rejectableOffer(): Promise<{ offers: Doc[]; url: string; before: Doc }> {
    const { offers } = await this.offers(1);
    const url = this.sessionUrl(offers[0]);
    const before = await this.session(url);
    if (!(phaseOptions(before) ?? []).includes('REJECTED'))
      this.skip(`precondition not met: the session (${String(before['phase'])}) does not offer REJECTED`);
    return { offers, url, before };
  }

  /** Remembers an offer (session) for cleanup; returns its URL. */
  track(session: unknown): string | undefined {
    const url = sessionUrlOf(session, this.shared.target);
    if (url && this.shared.client.isAllowed(url)) {
      this.created.add(url);
      this.shared.sessions.add(url);
      if (isDoc(session) && typeof session['phase'] === 'string') this.trackPhase(url, session['phase']);
      if (isDoc(session) && session['phase'] === 'OFFERED') {
        const expires = typeof session['expires'] === 'string' ? Date.parse(session['expires']) : NaN;
        (this.shared.openOffers ??= new Map()).set(
          url,
          Number.isFinite(expires) ? expires : this.now() + UNSTATED_OFFER_LIFETIME_MS,
        );
      }
    }
    return url;
  }

  /** Notes a final phase when first seen, and any other phase seen after it (read by lifecycle-final-phases-stay). */
  private trackPhase(url: string, phase: string): void {
    const finals = (this.shared.finals ??= new Map<string, { phase: string; at: number }>());
    const first = finals.get(url);
    if (first === undefined) {
      if (isFinal(phase)) finals.set(url, { phase, at: this.now() });
    } else if (phase !== first.phase && !this.shared.revived?.has(url))
      (this.shared.revived ??= new Map<string, { from: string; to: string; afterMs: number }>()).set(url, {
        from: first.phase,
        to: phase,
        afterMs: this.now() - first.at,
      });
  }

  /** Sessions seen in a final phase so far, and those seen in another phase after it. */
  finalPhases(): {
    finals: ReadonlyMap<string, { phase: string; at: number }>;
    revived: ReadonlyMap<string, { from: string; to: string; afterMs: number }>;
  } {
    return { finals: this.shared.finals ?? new Map(), revived: this.shared.revived ?? new Map() };
  }

  sessionUrl(session: unknown): string {
    return this.followable(
      sessionUrlOf(session, this.shared.target),
      `the session URL (meta.url) of ${toText(get(session, 'meta', 'uuid') ?? 'an offer')}`,
      undefined,
      'EB-UPD-01',
    );
  }

  async session(url: string, accept: Format = 'json'): Promise<Doc> {
    const ex = await this.get(url, { accept, expect: 'session' });
    this.ensure(ex.status === 200, `GET ${url} answered ${ex.status}, expected 200 with the session`, 'EB-UPD-01');
    return this.sessionOf(ex, `GET ${url}`, 'EB-UPD-01');
  }

  /**
   * The session an answer carries; when its body is no document, the check ends under `requirement`, saying what
   * came (Content-Type, size) and why it could not be read, not later as a session "in phase undefined".
   */
  sessionOf(ex: Exchange, what: string, requirement: RequirementId): Doc {
    this.ensure(
      isDoc(ex.value),
      `${what}: the body is not a session document (Content-Type ${ex.headers['content-type'] ?? 'none'}, ${Buffer.byteLength(ex.text)} bytes)${unreadableWhy(ex)}`,
      requirement,
    );
    return ex.value;
  }

  async update(url: string, value: string, format: Format = 'json'): Promise<Exchange> {
    return this.post(url, phaseUpdate(value), 'update', { format, accept: format, expect: 'session' });
  }

  /**
   * Polls a session until `done` holds or the run's deadline (less the reserve) comes, backing off while the
   * phase stays the same; `untilMs` bounds the wait further, and `cap` (given the last session read and the run
   * clock's now) may shorten the wait before the next read. Returns every phase seen, in order.
   */
  async poll(
    url: string,
    done: (s: Doc) => boolean,
    untilMs?: number,
    cap?: (s: Doc, now: number) => number | undefined,
  ): Promise<{ last: Doc; phases: string[]; sessions: Doc[]; at: { sent: number; received: number }[] }> {
    const until = Math.min(this.waitUntil(), untilMs ?? Number.POSITIVE_INFINITY);
    // When each read was sent and answered: the broker saw the phase somewhere between the two.
    const at: { sent: number; received: number }[] = [];
    const read = async () => {
      const sent = this.now();
      const s = await this.session(url);
      at.push({ sent, received: this.now() });
      return s;
    };
    const sessions = await pollWithBackoff(read, done, (s) => String(s['phase']), {
      until,
      initialMs: this.shared.pollIntervalMs,
      maxMs: Math.max(this.shared.pollIntervalMs, POLL_MAX_MS),
      signal: this.shared.signal,
      now: () => this.now(),
      wait: (ms, signal) => this.shared.clock.sleep(ms, signal),
      ...(cap ? { cap } : {}),
    });
    const phases: string[] = [];
    for (const s of sessions) if (phases.at(-1) !== String(s['phase'])) phases.push(String(s['phase']));
    return { last: sessions.at(-1) as Doc, phases, sessions, at };
  }

  /**
   * What is wrong with an answer that should be a refusal (status, error document, specific code), among the
   * problems this check judges: one filed under a requirement the check does not list is left out.
   */
  refusalProblem(ex: Exchange, statuses: number[], codes?: string[]): string | undefined {
    return refusalIssues(ex, statuses, codes).find((i) => this.judgesIssue(i))?.message;
  }

  private judgesIssue(issue: RefusalIssue): boolean {
    return issue.requirement === undefined || this.judges(issue.requirement);
  }

  /**
   * Fails unless `ex` is one of `statuses` with a fitting error document. The status and the specific code fail
   * on `requirement` (else the check's strongest); a problem of the error document filed under a requirement of
   * its own (EB-ERR-01, EB-ERR-02) fails on that when the check lists it, and is a note otherwise.
   */
  expectRefusal(ex: Exchange, statuses: number[], what: string, codes?: string[], requirement?: RequirementId): void {
    for (const issue of refusalIssues(ex, statuses, codes)) {
      if (issue.requirement === undefined) this.fail(`${what}: ${issue.message}`, requirement);
      this.judgeOrNote(false, `${what}: ${issue.message}`, issue.requirement);
    }
  }

  /** Validation errors of an exchange's body (the validator's MUST-level findings). */
  errors(ex: Exchange): Finding[] {
    return ex.findings.filter((f) => f.level === 'error');
  }

  describeErrors(ex: Exchange): string {
    return findingText(this.judgedErrors(ex));
  }

  /**
   * The validation errors this check may judge: findings filed under one of its own requirements, and the
   * toolkit's structural ones (unparseable, too deep). The rest are other checks' to judge.
   */
  judgedErrors(ex: Exchange): Finding[] {
    return this.errors(ex).filter(
      (f) => this.requirements.includes(f.ruleId) || (f.ruleId.startsWith('EBK_') && f.ruleId !== 'EBK_RULE_CRASHED'),
    );
  }

  /**
   * Schema errors on a body a check reads but does not judge: a note, never a verdict (each check judges only the
   * requirements it lists; core-offerset-valid judges validity).
   */
  noteErrors(ex: Exchange, what: string, except: readonly Finding[] = []): void {
    const errors = this.errors(ex).filter((f) => !except.includes(f));
    if (errors.length > 0)
      this.note(
        `${what} has ${errors.length} validation error(s) under requirements this check does not judge (the report lists them): ${findingText(errors)}`,
      );
  }
}

/** Why a body could not be read, as the parser said it (too deep, an alias bomb, a DOCTYPE), for a check's message. */
function unreadableWhy(ex: Exchange): string {
  const coding = undecodableCoding(ex.headers['content-encoding']);
  // A coding the runner cannot undo explains the bytes better than what the parser says about them.
  if (coding !== undefined) return `: it is sent with Content-Encoding ${coding}, which the runner cannot decode`;
  const why = ex.findings.find((f) => f.level === 'error' && f.ruleId.startsWith('EBK_'));
  return why ? `: ${why.ruleId}: ${why.message}` : '';
}
