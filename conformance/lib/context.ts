import type { Evidence, HttpClient, HttpRequest, HttpResponse, SendOptions } from '../../src/client/index.js';
import { acceptHeader } from '../../src/client/index.js';
import { MEDIA_TYPES, serialize } from '../../src/serialize/index.js';
import type { Format } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import type { ValidationResult } from '../../src/validate/index.js';
import { validateXsd } from '../../src/xml/index.js';
import type { DocumentType, Finding } from '../../src/findings.js';
import type { Outcome, Verdict } from '../types.js';
import { ACTIVE_PHASES, FINAL_PHASES, GENERAL_CODES, executionRequest, phaseUpdate } from './fixtures.js';
import type { RequestShape } from './fixtures.js';

/** Thrown by a check to end with a verdict (fail, skip, …) without threading returns through helpers. */
export class Stop extends Error {
  constructor(readonly verdict: Verdict) {
    super(verdict.message);
  }
}

/** The broker could not be talked to (timeout, reset, cap…): the check errors, it does not fail. */
export class TransportError extends Error {}

/** Statuses that mean "not now" rather than "no": the request is repeated. */
const BUSY = new Set([429, 503]);
const BUSY_RETRIES = 2;
const BUSY_WAIT_MAX_MS = 2_000;

/** One answer as a check sees it: decoded, parsed, validated, and recorded as evidence. */
export interface Exchange {
  status: number;
  headers: Record<string, string>;
  text: string;
  url: string;
  /** Parsed value (undefined when the body is empty or unparseable). */
  value: unknown;
  format: Format | undefined;
  validation?: ValidationResult;
  evidence: Evidence;
  response: HttpResponse;
}

export type Doc = Record<string, unknown>;

/** What every check shares with the rest of the run. */
export interface RunShared {
  target: string;
  client: HttpClient;
  signal: AbortSignal;
  /** Session URLs the run created, for cleanup. */
  sessions: Set<string>;
  /** Longest a check waits for the broker to move a session on. */
  waitBudgetMs: number;
  /** When the whole-run deadline falls (Date.now() clock). */
  deadlineAt: number;
  /** Headers sent with every request (--header). */
  headers: Record<string, string>;
  pollIntervalMs: number;
}

export const verdict = {
  pass: (message: string): Verdict => ({ outcome: 'pass', message }),
  fail: (message: string): Verdict => ({ outcome: 'fail', message }),
  warn: (message: string): Verdict => ({ outcome: 'warn', message }),
  skip: (message: string): Verdict => ({ outcome: 'skip', message }),
};

export function isDoc(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function get(value: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = value;
  for (const key of path) {
    if (typeof key === 'number') cur = Array.isArray(cur) ? cur[key] : undefined;
    else cur = isDoc(cur) ? cur[key] : undefined;
  }
  return cur;
}

/** Short, stable description of a finding list for messages. */
function findingText(findings: Finding[]): string {
  return findings
    .slice(0, 3)
    .map((f) => `${f.ruleId} at ${f.pointer || '/'}: ${f.message}`)
    .join('; ');
}

/**
 * The handle a check drives the broker through. Every exchange is recorded as
 * evidence and every body validated; helpers end the check with `Stop`.
 */
export class CheckContext {
  readonly evidence: Evidence[] = [];
  /** Sessions this check created (cleaned up by the runner afterwards). */
  readonly created = new Set<string>();

  constructor(private readonly shared: RunShared) {}

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

  fail(message: string): never {
    throw new Stop(verdict.fail(message));
  }
  skip(message: string): never {
    throw new Stop(verdict.skip(message));
  }
  warn(message: string): never {
    throw new Stop(verdict.warn(message));
  }
  /** Ends with `outcome` when `cond` is false. */
  ensure(cond: unknown, message: string, outcome: Outcome = 'fail'): asserts cond {
    if (!cond) throw new Stop({ outcome, message });
  }

  note(note: string): void {
    const last = this.evidence.at(-1);
    if (last) last.note = last.note ? `${last.note}; ${note}` : note;
  }

  /** Time left before the whole-run deadline. */
  remainingMs(): number {
    return Math.max(0, this.shared.deadlineAt - Date.now());
  }

  request(shape?: RequestShape): Doc {
    return executionRequest(shape);
  }

  async sleep(ms: number): Promise<void> {
    if (this.shared.signal.aborted) throw new TransportError('the run deadline was reached');
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.shared.signal.removeEventListener('abort', done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.shared.signal.addEventListener('abort', done, { once: true });
    });
    if (this.shared.signal.aborted) throw new TransportError('the run deadline was reached');
  }

  /**
   * Any HTTP exchange. Transport failures end the check as `error` unless
   * `allowFailure` is set, in which case they come back as `undefined`.
   */
  async send(req: HttpRequest, expect?: DocumentType): Promise<Exchange> {
    let result = await this.shared.client.request(req);
    this.evidence.push(result.evidence);
    // A busy broker (429, 503) says so and is asked again, briefly; if it stays busy the check could not run.
    for (let retry = 1; result.ok && BUSY.has(result.response.status); retry++) {
      const status = result.response.status;
      if (retry > BUSY_RETRIES) throw new TransportError(`${req.method} ${req.url}: answered ${status} (busy or unavailable) ${retry} times in a row`);
      const after = Number(result.response.headers['retry-after']);
      await this.sleep(Number.isFinite(after) && after >= 0 ? Math.min(after * 1000, BUSY_WAIT_MAX_MS) : 500);
      this.note(`answered ${status}; asked again`);
      result = await this.shared.client.request(req);
      this.evidence.push(result.evidence);
    }
    if (!result.ok) {
      throw new TransportError(`${req.method} ${req.url}: ${result.failure.kind}: ${result.failure.message}`);
    }
    const res = result.response;
    if (res.status === 401 && !/\/(availability|capabilities)\/?$/.test(new URL(res.url).pathname)) {
      // Credentials are the run's to supply, so the check could not run; the VOSI endpoints must stay anonymous
      // (EB-VOSI-07), and their checks judge a 401 themselves.
      const given = Object.keys(this.shared.headers).some((h) => h.toLowerCase() === 'authorization');
      this.skip(`precondition not met: ${req.method} ${res.url} answered 401: ${given ? 'the credentials passed with --header were refused' : "the broker wants credentials; pass them with --header 'Authorization: …'"}`);
    }
    const parsed = res.parsed;
    const exchange: Exchange = {
      status: res.status,
      headers: res.headers,
      text: res.bodyText,
      url: res.url,
      value: parsed?.value,
      format: parsed?.format,
      evidence: result.evidence,
      response: res,
    };
    const type: DocumentType | undefined = res.status >= 400 ? 'error' : expect;
    if (parsed && parsed.value !== undefined && type !== undefined) {
      const validation = validate(parsed, { type });
      exchange.validation = validation;
      const findings = [...parsed.findings, ...validation.findings];
      if (parsed.format === 'xml') findings.push(...(await validateXsd(res.bodyText).catch(() => [])));
      if (findings.length > 0) result.evidence.findings = findings.slice(0, 20).map(({ ruleId, level, message, pointer }) => ({ ruleId, level, message, pointer }));
    } else if (parsed && parsed.findings.length > 0) {
      result.evidence.findings = parsed.findings.slice(0, 20).map(({ ruleId, level, message, pointer }) => ({ ruleId, level, message, pointer }));
    }
    return exchange;
  }

  async get(url: string, opts: { accept?: Format | string; expect?: DocumentType } = {}): Promise<Exchange> {
    const headers: Record<string, string> = {};
    if (opts.accept !== undefined) headers['accept'] = acceptHeader(opts.accept);
    return this.send({ method: 'GET', url, headers }, opts.expect);
  }

  async post(url: string, value: unknown, docType: DocumentType, opts: SendOptions & { expect?: DocumentType }): Promise<Exchange> {
    const body = serialize(value, opts.format, docType);
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const contentType = opts.contentType ?? MEDIA_TYPES[opts.format];
    if (contentType !== '') headers['content-type'] = contentType;
    if (opts.accept !== undefined) headers['accept'] = acceptHeader(opts.accept);
    return this.send({ method: 'POST', url, headers, body, followRedirects: opts.followRedirects ?? false }, opts.expect);
  }

  /**
   * Refuses a URL the broker handed out when it points at another origin. A relative reference is resolved
   * against `base` (the URL of the answer that carried it, as RFC 9110 says for Location), else the target.
   */
  followable(url: unknown, what: string, base: string = this.shared.target): string {
    this.ensure(typeof url === 'string' && url.length > 0, `${what} is missing`);
    let absolute: string;
    try {
      absolute = new URL(url, base).href;
    } catch {
      this.fail(`${what} is not a URL: ${url}`);
    }
    this.ensure(/^https?:$/.test(new URL(absolute).protocol), `${what} is not an http(s) URL: ${absolute}`);
    // Another origin is not wrong in itself (a canonical host name, a gateway), so it is a precondition, not a fail.
    this.ensure(this.shared.client.isAllowed(absolute), `precondition not met: ${what} points at another origin (${absolute}), which the run does not follow; pass --allow-origin ${new URL(absolute).origin} to follow it`, 'skip');
    return absolute;
  }

  /**
   * POST /requests and obtain the offer set (following a 303, or reading a 200 body).
   * Every offer's session URL is remembered for cleanup.
   */
  async submit(
    request: unknown = this.request(),
    opts: { format?: Format; accept?: Format | string } = {},
  ): Promise<{ offerset: Doc; offersetUrl?: string; first: Exchange; final: Exchange }> {
    const format = opts.format ?? 'json';
    const accept = opts.accept ?? format;
    const first = await this.post(this.url('/requests'), request, 'request', { format, accept, expect: 'offerset' });
    let final = first;
    let offersetUrl: string | undefined;
    if (first.status === 303) {
      offersetUrl = this.followable(first.headers['location'], 'the Location header of the 303 answer', first.url);
      final = await this.get(offersetUrl, { accept, expect: 'offerset' });
      this.ensure(final.status === 200, `GET ${offersetUrl} (the 303 target) answered ${final.status}, expected 200`);
    } else {
      this.ensure(first.status === 200, `POST /requests answered ${first.status}, expected 303 or 200`);
    }
    this.ensure(isDoc(final.value), `the offer set body could not be read as ${format.toUpperCase()}`);
    const offerset = final.value as Doc;
    for (const offer of asArray(offerset['offers'])) this.track(offer);
    return { offerset, ...(offersetUrl ? { offersetUrl } : {}), first, final };
  }

  /** Like `submit`, but skips the check when the broker answers NO or gives fewer than `min` offers. */
  async offers(min: number, shape?: RequestShape): Promise<{ offerset: Doc; offers: Doc[] }> {
    const { offerset } = await this.submit(this.request(shape));
    const offers = asArray(offerset['offers']).filter(isDoc);
    if (offerset['result'] !== 'YES' || offers.length < min) {
      this.skip(`precondition not met: needed a YES offer set with at least ${min} offer(s), got result ${String(offerset['result'])} with ${offers.length}`);
    }
    return { offerset, offers };
  }

  /** Remembers an offer (session) for cleanup; returns its URL. */
  track(session: unknown): string | undefined {
    const url = sessionUrlOf(session, this.shared.target);
    if (url && this.shared.client.isAllowed(url)) {
      this.created.add(url);
      this.shared.sessions.add(url);
    }
    return url;
  }

  sessionUrl(session: unknown): string {
    return this.followable(sessionUrlOf(session, this.shared.target), `the session URL (meta.url) of ${String(get(session, 'meta', 'uuid') ?? 'an offer')}`);
  }

  async session(url: string, accept: Format = 'json'): Promise<Doc> {
    const ex = await this.get(url, { accept, expect: 'session' });
    this.ensure(ex.status === 200, `GET ${url} answered ${ex.status}, expected 200`);
    this.ensure(isDoc(ex.value), `GET ${url}: the body is not a session document`);
    return ex.value as Doc;
  }

  async update(url: string, value: string, format: Format = 'json'): Promise<Exchange> {
    return this.post(url, phaseUpdate(value), 'update', { format, accept: format, expect: 'session' });
  }

  /** Polls a session until `done` holds or the wait budget runs out; returns every phase seen, in order. */
  async poll(url: string, done: (s: Doc) => boolean, budgetMs = this.shared.waitBudgetMs): Promise<{ last: Doc; phases: string[]; sessions: Doc[] }> {
    const until = Date.now() + budgetMs;
    const phases: string[] = [];
    const sessions: Doc[] = [];
    for (;;) {
      const s = await this.session(url);
      sessions.push(s);
      const phase = String(s['phase']);
      if (phases.at(-1) !== phase) phases.push(phase);
      if (done(s) || Date.now() >= until) return { last: s, phases, sessions };
      await this.sleep(this.shared.pollIntervalMs);
    }
  }

  /**
   * What is wrong with an answer that should be a refusal: status in `statuses` and an error document whose
   * `status` matches, whose general code fits the status, and (optionally) whose specific code is one of `codes`.
   */
  refusalProblem(ex: Exchange, statuses: number[], codes?: string[]): string | undefined {
    if (!statuses.includes(ex.status)) return `answered ${ex.status}, expected ${statuses.join(' or ')}`;
    return errorDocumentProblem(ex, codes);
  }

  expectRefusal(ex: Exchange, statuses: number[], what: string, codes?: string[]): void {
    const problem = this.refusalProblem(ex, statuses, codes);
    if (problem) this.fail(`${what}: ${problem}`);
  }

  /** Validation errors of an exchange's body (the validator's MUST-level findings). */
  errors(ex: Exchange): Finding[] {
    return (ex.validation?.findings ?? []).filter((f) => f.level === 'error');
  }

  describeErrors(ex: Exchange): string {
    return findingText(this.errors(ex));
  }
}

export function sessionUrlOf(session: unknown, target: string): string | undefined {
  const url = get(session, 'meta', 'url');
  if (typeof url === 'string') {
    try {
      return new URL(url, target).href;
    } catch {
      return undefined;
    }
  }
  const uuid = get(session, 'meta', 'uuid');
  return typeof uuid === 'string' ? new URL(`sessions/${uuid}`, `${target.replace(/\/$/, '')}/`).href : undefined;
}

/** Error-document conformance (ARCHITECTURE.md): required members, status agreement, general code. */
export function errorDocumentProblem(ex: Exchange, codes?: string[]): string | undefined {
  if (ex.text.length === 0) return `no error document (empty body) with status ${ex.status}`;
  const doc = ex.value;
  if (!isDoc(doc)) return `the body is not an error document in a known format (content type ${ex.headers['content-type'] ?? 'none'})`;
  const missing = ['status', 'error', 'code', 'message'].filter((k) => doc[k] === undefined);
  if (missing.length > 0) return `the error document lacks ${missing.join(', ')}`;
  if (Number(doc['status']) !== ex.status) return `the error document says status ${String(doc['status'])} but HTTP says ${ex.status}`;
  const general = GENERAL_CODES[ex.status];
  if (general && doc['error'] !== general) return `error is ${String(doc['error'])}, expected ${general} for ${ex.status}`;
  if (codes && !codes.includes(String(doc['code']))) return `code is ${String(doc['code'])}, expected ${codes.join(' or ')}`;
  return undefined;
}

/** Phase-option values a session advertises for `path: phase`. */
export function phaseOptions(session: unknown): string[] | undefined {
  const options = get(session, 'meta', 'options');
  if (options === undefined) return undefined;
  const values: string[] = [];
  for (const o of asArray(options)) {
    const path = get(o, 'path');
    if (path === 'phase' || path === '/phase') for (const v of asArray(get(o, 'values'))) values.push(String(v));
  }
  return values;
}

export function isFinal(phase: unknown): boolean {
  return FINAL_PHASES.has(String(phase));
}

export function isActive(phase: unknown): boolean {
  return ACTIVE_PHASES.has(String(phase));
}
