import { EventEmitter } from 'node:events';
import { maxHeaderSize } from 'node:http';
import { Agent } from 'undici';
import { parse } from '../parse/index.js';
import type {
  ClientLimits,
  ClientOptions,
  Evidence,
  HttpFailure,
  HttpFailureKind,
  HttpRequest,
  HttpResult,
} from './types.js';
import { excerpt, redactHeaders, requestEvidence } from './evidence.js';
import { exchangeBytes } from './exchange-bytes.js';
import { CodingFailure, decodeBody } from './content-coding.js';
import { errorMessage } from '../util/index.js';
import { displayUrl, hasUserInfo, userInfoRefusal } from './credentials.js';

/** Node's limit on a response's header bytes, as a message says it. */
const HEADER_LIMIT_TEXT = `${Math.round(maxHeaderSize / 1024)} KiB`;

export const DEFAULT_LIMITS: ClientLimits = { timeoutMs: 10_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5 };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Not fatal: a body that is not UTF-8 is still shown (parse reports the encoding problem itself). */
const LENIENT_UTF8 = new TextDecoder('utf-8', { fatal: false });

/**
 * The per-hop abort source handed to undici as its `signal` (undici takes an EventEmitter with `aborted` and
 * `reason`): an AbortController and its EventTarget listeners cost about ten times more, on every request.
 */
class Deadline extends EventEmitter {
  aborted = false;
  reason: unknown;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

/** A failure the client reports instead of throwing. */
class Failed extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
    readonly refusedOrigin?: string,
  ) {
    super(message);
  }
}

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** An origin and, when its host is a loopback name, the same scheme and port on the other loopback names. */
function loopbackAliasesOf(origin: string): string[] {
  const m = /^(https?:\/\/)(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.exec(origin);
  return m ? LOOPBACK_HOSTS.map((h) => `${m[1]}${h}${m[3] ?? ''}`) : [origin];
}

/**
 * A bounded HTTP client: every request has a timeout, a body cap and a redirect
 * limit, and may only reach allowed origins. It owns its connection pool (no
 * global dispatcher) and never throws: failures come back as values.
 */
export class HttpClient {
  readonly limits: ClientLimits;
  private readonly agent: Agent;
  private readonly allowed: Set<string>;
  /** `${origin}/` of each allowed http(s) origin (see isAllowed). */
  private readonly prefixes: string[];
  private readonly baseHeaders: Record<string, string>;
  private readonly signal: AbortSignal | undefined;
  private readonly evidence: boolean;

  constructor(target: string, options: ClientOptions = {}) {
    this.limits = {
      timeoutMs: options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
      maxBytes: options.maxBytes ?? DEFAULT_LIMITS.maxBytes,
      maxRedirects: options.maxRedirects ?? DEFAULT_LIMITS.maxRedirects,
    };
    this.agent = new Agent({
      connect: { timeout: this.limits.timeoutMs },
      headersTimeout: this.limits.timeoutMs,
      bodyTimeout: this.limits.timeoutMs,
      connections: options.connections ?? 16,
      maxResponseSize: this.limits.maxBytes,
    });
    const origins = [originOf(target), ...(options.allowedOrigins ?? []).map(originOf)].filter((o): o is string => !!o);
    this.allowed = new Set(options.loopbackAliases ? origins.flatMap(loopbackAliasesOf) : origins);
    this.prefixes = [...this.allowed].filter((o) => /^https?:\/\//.test(o)).map((o) => `${o}/`);
    this.baseHeaders = { ...(options.headers ?? {}) };
    this.signal = options.signal;
    this.evidence = options.evidence ?? true;
  }

  /** True when the runner may follow a URL the broker handed out. */
  isAllowed(url: string): boolean {
    // A URL that begins with an allowed origin's serialization and a slash has that origin: the authority ends at
    // that slash, and a serialized origin holds no '@', '\\', '?', '#', whitespace, upper case or default port
    // that parsing could reread. The aggregator checks every offer URL a broker sends, and a URL parse was ~1% of
    // a POST /requests. Anything else (upper case, default port, other shapes) is parsed as before.
    for (const prefix of this.prefixes) if (url.startsWith(prefix)) return true;
    const origin = originOf(url);
    return origin !== undefined && this.allowed.has(origin);
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }

  /** Closes at once, ending every request still in flight (close waits for them). */
  async destroy(): Promise<void> {
    await this.agent.destroy().catch(() => undefined);
  }

  async request(req: HttpRequest): Promise<HttpResult> {
    const started = performance.now();
    const headers = mergeHeaders(this.baseHeaders, req.headers ?? {});
    // A password in the URL would be sent by no one (undici drops it) and shown by everyone: refused, never echoed.
    const withUserInfo = hasUserInfo(req.url);
    const shownUrl = withUserInfo ? displayUrl(req.url) : req.url;
    const evidence: Evidence = this.evidence
      ? requestEvidence(req.method, shownUrl, headers, bodyText(req.body))
      : { request: { method: req.method, url: shownUrl, headers: {} }, curl: '', brief: true };
    let method = req.method;
    let url = req.url;
    let body = req.body;
    const redirects: string[] = [];
    let lastStatus: number | undefined;
    try {
      if (withUserInfo) throw new Failed('bad-url', userInfoRefusal(url));
      if (!this.isAllowed(url)) {
        const origin = originOf(url);
        throw new Failed(
          origin ? 'origin-refused' : 'bad-url',
          `refusing to contact ${url}: not the target's origin (see --allow-origin)`,
          origin,
        );
      }
      for (;;) {
        const hop = await this.hop(
          method,
          url,
          headers,
          body,
          Math.min(req.timeoutMs ?? Infinity, this.limits.timeoutMs),
        );
        lastStatus = hop.status;
        const location = hop.headers['location'];
        if (req.followRedirects && REDIRECTS.has(hop.status) && location) {
          if (redirects.length >= this.limits.maxRedirects) {
            throw new Failed('redirect-limit', `more than ${this.limits.maxRedirects} redirects (last to ${location})`);
          }
          let next: string;
          try {
            next = new URL(location, url).href;
          } catch {
            throw new Failed('bad-url', `redirect to an unparseable Location: ${excerpt(location, 200)}`);
          }
          if (!this.isAllowed(next))
            throw new Failed('origin-refused', `redirect to another origin refused: ${next}`, originOf(next));
          redirects.push(next);
          if (hop.status === 303 || ((hop.status === 301 || hop.status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
          }
          url = next;
          continue;
        }
        const bytes = this.decoded(hop.bytes, hop.headers['content-encoding']);
        const durationMs = performance.now() - started;
        const bodyText = LENIENT_UTF8.decode(bytes);
        evidence.status = hop.status;
        if (this.evidence) {
          evidence.headers = hop.headers;
          evidence.bodyExcerpt = excerpt(bodyText);
        }
        evidence.durationMs = Math.round(durationMs);
        if (redirects.length > 0) evidence.note = `followed ${redirects.length} redirect(s) to ${url}`;
        const response = { status: hop.status, headers: hop.headers, bodyText, url, redirects, durationMs };
        const wantParse = req.parse ?? true;
        if (wantParse && bytes.length > 0) {
          const parsed = safeParse(bytes, hop.headers['content-type'], this.limits.maxBytes);
          return { ok: true, response: { ...response, parsed }, evidence };
        }
        return { ok: true, response, evidence };
      }
    } catch (err) {
      const failure = toFailure(err, performance.now() - started, this.signal);
      if (lastStatus !== undefined) failure.status = lastStatus;
      evidence.failure = { kind: failure.kind, message: failure.message };
      evidence.durationMs = Math.round(failure.durationMs);
      return { ok: false, failure, evidence };
    }
  }

  /** One request/response exchange, body read under the cap and the timeout. */
  private async hop(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
    timeoutMs: number,
  ): Promise<{ status: number; headers: Record<string, string>; bytes: Uint8Array }> {
    const deadline = new Deadline();
    const timer = setTimeout(
      () => deadline.abort(new Failed('timeout', `no complete answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onRunAbort = () => deadline.abort(new Failed('aborted', 'the run was stopped (deadline reached)'));
    if (this.signal?.aborted) onRunAbort();
    else this.signal?.addEventListener('abort', onRunAbort, { once: true });
    try {
      // The agent's maxResponseSize stops a body at the cap while it streams (UND_ERR_RES_EXCEEDED_MAX_SIZE).
      return await exchangeBytes(this.agent, {
        method,
        url,
        headers,
        body,
        signal: deadline,
        check: (_status, answered) => {
          const declared = Number(answered['content-length']);
          return Number.isFinite(declared) && declared > this.limits.maxBytes
            ? new Failed('too-large', `Content-Length ${declared} exceeds the ${this.limits.maxBytes}-byte cap`)
            : undefined;
        },
      });
    } catch (err) {
      // The abort reason carries our own classification (timeout vs deadline).
      if (deadline.aborted && !(err instanceof Failed)) {
        if (deadline.reason instanceof Failed) throw deadline.reason;
        throw new Failed('aborted', 'the run was stopped (deadline reached)');
      }
      if ((err as { code?: unknown }).code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE')
        throw new Failed('too-large', `body exceeds the ${this.limits.maxBytes}-byte cap`);
      // The broker answered, with more header bytes than the client reads (Node's --max-http-header-size).
      if ((err as { code?: unknown }).code === 'UND_ERR_HEADERS_OVERFLOW')
        throw new Failed('too-large', `response headers exceed the client's ${HEADER_LIMIT_TEXT} limit`);
      throw err;
    } finally {
      clearTimeout(timer);
      this.signal?.removeEventListener('abort', onRunAbort);
    }
  }

  /** The body with its content codings undone, within the byte cap; a coding not known leaves the bytes as sent. */
  private decoded(bytes: Uint8Array, coding: string | undefined): Uint8Array {
    try {
      return decodeBody(bytes, coding, this.limits.maxBytes).bytes;
    } catch (err) {
      if (err instanceof CodingFailure)
        throw new Failed(err.reason === 'too-large' ? 'too-large' : 'bad-coding', err.message);
      throw err;
    }
  }
}

function bodyText(body: string | Uint8Array | undefined): string | undefined {
  return typeof body === 'string' ? body : body ? LENIENT_UTF8.decode(body) : undefined;
}

function mergeHeaders(base: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) out[k.toLowerCase()] = v;
  for (const [k, v] of Object.entries(extra)) out[k.toLowerCase()] = v;
  return out;
}

function safeParse(bytes: Uint8Array, contentType: string | undefined, maxBytes: number) {
  try {
    return parse(bytes, contentType ? { mediaType: contentType, maxBytes } : { maxBytes });
  } catch {
    // parse promises never to throw; a bug there must not become a crash here.
    return undefined;
  }
}

function toFailure(err: unknown, durationMs: number, runSignal: AbortSignal | undefined): HttpFailure {
  if (err instanceof Failed)
    return {
      kind: err.kind,
      message: err.message,
      durationMs,
      ...(err.refusedOrigin !== undefined ? { refusedOrigin: err.refusedOrigin } : {}),
    };
  const e = err as { code?: string; message?: string; name?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const message = errorMessage(err);
  if (runSignal?.aborted) return { kind: 'aborted', message: 'the run was stopped (deadline reached)', durationMs };
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: `connection refused (${message})`, durationMs };
  if (
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET' ||
    code === 'EPIPE' ||
    /other side closed|socket hang up/i.test(message)
  ) {
    return { kind: 'reset', message: `connection reset or closed early (${message})`, durationMs };
  }
  if (/TIMEOUT/.test(code)) return { kind: 'timeout', message: `timed out (${code})`, durationMs };
  if (code === 'ERR_INVALID_URL' || code === 'UND_ERR_INVALID_ARG') return { kind: 'bad-url', message, durationMs };
  return { kind: 'network', message: `${code ? `${code}: ` : ''}${message}`, durationMs };
}

export { redactHeaders };
