/**
 * One lower broker as the aggregator reaches it: the bounded client of src/client (the conformance runner's
 * limits: body cap, redirect limit, origin check), its credentials, and a deadline on every exchange (EB-FED-15).
 */
import { DEFAULT_LIMITS, HttpClient, type HttpResult } from '../client/index.js';
import type { Credentials, UpstreamConfig } from './config.js';
import { isObject as isObj } from '../util/index.js';
import { preferWait } from '../client/prefer-wait.js';
import { FAILURE_TEXT } from '../client/failure-text.js';

/** A wait in seconds as a message says it: 10, 4.5, 0.25. */
const seconds = (ms: number): string => String(Math.round(ms) / 1000);

/** What a lower broker answered, or why it could not be used; `reason` never holds a credential. */
export type Exchange =
  | { ok: true; status: number; value: unknown; headers: Record<string, string>; url: string }
  | {
      ok: false;
      reason: string;
      status?: number;
      /** True when the request certainly never reached the broker (connection refused, URL refused before sending). */
      unsent?: boolean;
      /** True when no answer came within the upstream timeout. */
      timedOut?: boolean;
    };

/** Failures that mean nobody answered at all (not a bad answer). */
const NOBODY: ReadonlySet<string> = new Set(['refused', 'network', 'timeout', 'reset']);

/** Failures that happen before a request is written: the broker cannot have acted on it. */
const UNSENT: ReadonlySet<string> = new Set(['refused', 'bad-url', 'origin-refused']);
/** Network failures that come before a connection exists (no name, no route). */
const UNCONNECTED = /^(ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)\b/;

/** True when a failed exchange certainly sent nothing: failed before connecting, and not after a redirect. */
function unsent(failure: { kind: string; message: string; status?: number }): boolean {
  if (failure.status !== undefined) return false;
  return UNSENT.has(failure.kind) || (failure.kind === 'network' && UNCONNECTED.test(failure.message));
}

export interface UpstreamOptions {
  timeoutMs: number;
  maxBytes?: number;
  connections?: number;
}

const JSON_TYPE = 'application/json';
/**
 * Connections kept open to each lower broker: fewer than a busy aggregator has clients, so a burst waits in undici's
 * queue in arrival order. With 64 (as many as the bench's clients) a burst of 64 reached the lower broker at once and
 * its last answers took 0.3–0.8 s; with 32 the slowest of a burst took ~0.17 s at the same req/s. 32 in flight still
 * keeps a remote broker's round trip from capping throughput.
 */
const UPSTREAM_CONNECTIONS = 32;

export class Upstream {
  readonly name: string;
  readonly url: string;
  private readonly client: HttpClient;
  /** Longest any exchange with this broker may take (--upstream-timeout). */
  readonly timeoutMs: number;
  /** False while its last exchange found nobody answering (refused, unreachable, timed out); true after any answer. */
  private answering = true;

  constructor(
    readonly config: UpstreamConfig,
    opts: UpstreamOptions,
  ) {
    this.name = config.name;
    this.url = config.url;
    this.timeoutMs = opts.timeoutMs;
    this.client = new HttpClient(config.url, {
      timeoutMs: opts.timeoutMs,
      maxBytes: opts.maxBytes ?? DEFAULT_LIMITS.maxBytes,
      maxRedirects: DEFAULT_LIMITS.maxRedirects,
      connections: opts.connections ?? UPSTREAM_CONNECTIONS,
      ...(config.origins ? { allowedOrigins: config.origins } : {}),
      loopbackAliases: true,
      // Nothing reads the evidence of an upstream exchange; building it costs every forwarded request.
      evidence: false,
    });
  }

  /** Whether the broker answered its last exchange (for the aggregator's /availability). */
  get reachable(): boolean {
    return this.answering;
  }

  /** Records whether anyone answered: an HTTP answer of any status is an answer. */
  /** Records whether anybody answered; a timeout counts only at the broker's own timeout (`ms`, the wait allowed). */
  private heard(res: HttpResult, ms = this.timeoutMs): void {
    if (res.ok || res.failure.status !== undefined) this.answering = true;
    else if (NOBODY.has(res.failure.kind) && (res.failure.kind !== 'timeout' || ms >= this.timeoutMs))
      this.answering = false;
  }

  /** True when `url` is on this broker's origin (offers pointing elsewhere are refused: no request forgery). */
  owns(url: string): boolean {
    return this.client.isAllowed(url);
  }

  /**
   * POST /requests; a 303 without a usable body is followed to the offer set. Within the upstream timeout, or
   * `budgetMs` when the caller asked for an answer sooner; the broker is told the wait (Prefer: wait), so an
   * aggregator below answers within it too.
   */
  async submit(request: unknown, via: string, creds: Credentials | undefined, budgetMs?: number): Promise<Exchange> {
    const ms = Math.min(this.timeoutMs, budgetMs ?? Infinity);
    return this.bounded(async () => {
      const post = (followRedirects: boolean) =>
        this.client.request({
          method: 'POST',
          url: `${this.url}/requests`,
          headers: this.headers(creds, { 'content-type': JSON_TYPE, via, prefer: preferWait(ms) }),
          body: JSON.stringify(request),
          followRedirects,
          // A wait shorter than the upstream timeout ends the request itself, not only the wait for it.
          timeoutMs: ms,
        });
      let res = await post(false);
      // 303 is read here (its body is usually the offer set); other redirects are followed under the client's limit.
      if (res.ok && [301, 302, 307, 308].includes(res.response.status)) res = await post(true);
      const out = this.read(res, ms);
      if (out.ok && out.status === 303 && !isObj(out.value)) {
        const location = res.ok ? res.response.headers['location'] : undefined;
        if (!location) return { ok: false, reason: 'answered 303 without a Location or a body' };
        let next: string;
        try {
          next = new URL(location, `${this.url}/requests`).href;
        } catch {
          return { ok: false, reason: 'answered 303 with an unparseable Location' };
        }
        return this.get(next, creds, ms);
      }
      return out;
    }, ms);
  }

  async get(url: string, creds: Credentials | undefined, ms = this.timeoutMs): Promise<Exchange> {
    return this.bounded(
      async () =>
        this.read(
          await this.client.request({
            method: 'GET',
            url,
            headers: this.headers(creds, {}),
            followRedirects: true,
            timeoutMs: ms,
          }),
          ms,
        ),
      ms,
    );
  }

  /** POST an update; within `ms` (the upstream timeout unless the caller's wait is shorter), told as Prefer: wait. */
  async update(url: string, update: unknown, creds: Credentials | undefined, ms = this.timeoutMs): Promise<Exchange> {
    return this.bounded(
      async () =>
        this.read(
          await this.client.request({
            method: 'POST',
            url,
            headers: this.headers(creds, { 'content-type': JSON_TYPE, prefer: preferWait(ms) }),
            body: JSON.stringify(update),
            timeoutMs: ms,
          }),
          ms,
        ),
      ms,
    );
  }

  /** GET /capabilities as text (XML), or undefined when it cannot be had. */
  async capabilities(): Promise<string | undefined> {
    const out = await this.bounded(async (): Promise<Exchange> => {
      const res = await this.client.request({
        method: 'GET',
        url: `${this.url}/capabilities`,
        headers: this.headers(this.config, { accept: 'application/xml' }),
        followRedirects: true,
        parse: false,
      });
      this.heard(res);
      if (!res.ok) return { ok: false, reason: res.failure.kind };
      return res.response.status === 200
        ? { ok: true, status: 200, value: res.response.bodyText, headers: res.response.headers, url: res.response.url }
        : { ok: false, reason: `status ${res.response.status}` };
    });
    return out.ok && typeof out.value === 'string' ? out.value : undefined;
  }

  /**
   * Called once the aggregator answers no more requests: what is still in flight below is background work (a
   * capabilities fetch, a best-effort rejection) that a stalled broker could hold open for the whole timeout.
   */
  async close(): Promise<void> {
    await this.client.destroy();
  }

  /** Every exchange, redirects and the 303 follow-up included, ends within the upstream timeout. */
  private async bounded(run: () => Promise<Exchange>, ms = this.timeoutMs): Promise<Exchange> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Exchange>((done) => {
      timer = setTimeout(() => {
        // Only its own timeout says the broker is away: a shorter wait a client asked for (Prefer: wait) does not.
        if (ms >= this.timeoutMs) this.answering = false;
        done({ ok: false, reason: `gave no answer within ${seconds(ms)} s`, timedOut: true });
      }, ms);
    });
    try {
      return await Promise.race([
        run().catch((err: unknown) => ({
          ok: false as const,
          reason: `failed (${err instanceof Error ? err.name : 'error'})`,
        })),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private headers(creds: Credentials | undefined, extra: Record<string, string>): Record<string, string> {
    const h: Record<string, string> = { accept: JSON_TYPE, ...extra };
    const c = creds ?? this.config;
    for (const [k, v] of Object.entries(c.headers ?? {})) h[k.toLowerCase()] = v;
    if (c.token) h['authorization'] = `Bearer ${c.token}`;
    else if (c.user) h['authorization'] = `Basic ${Buffer.from(c.user).toString('base64')}`;
    return h;
  }

  /** The answer as a value; transport failures and unparseable bodies become reasons (kind and status only). */
  private read(res: HttpResult, ms = this.timeoutMs): Exchange {
    this.heard(res, ms);
    if (!res.ok) {
      return {
        ok: false,
        reason:
          res.failure.kind === 'timeout' ? `gave no answer within ${seconds(ms)} s` : FAILURE_TEXT[res.failure.kind],
        ...(res.failure.kind === 'timeout' ? { timedOut: true } : {}),
        ...(res.failure.status !== undefined ? { status: res.failure.status } : {}),
        ...(unsent(res.failure) ? { unsent: true } : {}),
      };
    }
    const r = res.response;
    const parsed = r.parsed;
    const value = parsed && parsed.findings.every((f) => f.level !== 'error') ? parsed.value : undefined;
    if (r.bodyText.length > 0 && value === undefined) {
      // A proxy's or web server's error page is named as such, as the client names it (not "not well-formed").
      const html = parsed?.findings.some(
        (f) => f.level === 'error' && f.message.startsWith('The input is an HTML page'),
      );
      return {
        ok: false,
        reason: html
          ? `answered ${r.status} with an HTML page, not a JSON, YAML or XML document`
          : `answered ${r.status} with a body that is not well-formed JSON, YAML or XML`,
        status: r.status,
      };
    }
    return { ok: true, status: r.status, value, headers: r.headers, url: r.url };
  }
}
