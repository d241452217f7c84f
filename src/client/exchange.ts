/**
 * One exchange with a broker, read as a document or as a reason it could not be had: the building block of the
 * many-broker client (`requestOffers`, `acceptOffer`, `cancelSession`, `watchSession`). Never throws.
 */
import { HttpClient, DEFAULT_LIMITS } from './http.js';
import { credentialHeaders, type Credentials } from './credentials.js';
import type { ClientLimits, HttpRequest, HttpResult } from './types.js';
import { FAILURE_TEXT } from './failure-text.js';
import { BIDI_CONTROLS } from '../util/index.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Limits and credentials shared by every call of the many-broker client. */
export interface BrokerCallOptions extends Partial<ClientLimits> {
  credentials?: Credentials;
  /** Aborts every request in flight. */
  signal?: AbortSignal;
}

/**
 * A document, or why there is none: `unreachable` (transport: refused, timeout, too large, redirect loop),
 * `refused` (an HTTP error status, with the error document's code and message), `invalid` (an answer that is not
 * the document expected).
 */
export type DocumentOutcome =
  | { ok: true; status: number; url: string; value: Obj; headers: Record<string, string> }
  | { ok: false; kind: 'unreachable' | 'refused' | 'invalid'; reason: string; status?: number; code?: string };

/** The bounded client for a broker (or session) URL: the conformance runner's limits, the caller's credentials. */
export function clientFor(url: string, opts: BrokerCallOptions = {}): HttpClient {
  return new HttpClient(url, {
    timeoutMs: opts.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
    maxBytes: opts.maxBytes ?? DEFAULT_LIMITS.maxBytes,
    maxRedirects: opts.maxRedirects ?? DEFAULT_LIMITS.maxRedirects,
    headers: { accept: 'application/json', ...credentialHeaders(opts.credentials) },
    connections: 4,
    loopbackAliases: true,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

/** Sends `req` and reads the answer as a JSON/YAML/XML document. */
export async function exchange(client: HttpClient, req: HttpRequest): Promise<DocumentOutcome> {
  return readOutcome(await client.request(req));
}

export function readOutcome(res: HttpResult): DocumentOutcome {
  if (!res.ok) {
    const text = FAILURE_TEXT[res.failure.kind];
    const detail =
      res.failure.kind === 'timeout' ||
      res.failure.kind === 'too-large' ||
      res.failure.kind === 'redirect-limit' ||
      res.failure.kind === 'bad-coding' ||
      res.failure.kind === 'unserialisable' ||
      res.failure.kind === 'bad-url'
        ? ` (${res.failure.message})`
        : res.failure.refusedOrigin !== undefined
          ? ` (${res.failure.refusedOrigin})`
          : '';
    return {
      ok: false,
      kind: 'unreachable',
      reason: `${text}${detail}`,
      ...(res.failure.status !== undefined ? { status: res.failure.status } : {}),
    };
  }
  const r = res.response;
  const parsed = r.parsed;
  const value = parsed && parsed.findings.every((f) => f.level !== 'error') ? parsed.value : undefined;
  if (r.status >= 400) {
    const { code, text } = errorText(value);
    return {
      ok: false,
      kind: 'refused',
      reason: `answered ${r.status}${text}`,
      status: r.status,
      ...(code ? { code } : {}),
    };
  }
  if (r.status < 200 || r.status >= 300)
    return {
      ok: false,
      kind: 'invalid',
      reason: `answered ${r.status} where a document was expected`,
      status: r.status,
    };
  if (!isObj(value)) {
    // Well-formed but not a document of the standard (a VOSI page, an HTML error page read as XML): say that, and why.
    const first = parsed?.findings.find((f) => f.level === 'error');
    const why =
      r.bodyText.length === 0
        ? 'an empty body'
        : first && first.ruleId !== 'EBK_SYNTAX'
          ? `a body that is not an ExecutionBroker document (${oneLine(first.message, 160)})`
          : 'a body that is not a well-formed JSON, YAML or XML document';
    return { ok: false, kind: 'invalid', reason: `answered ${r.status} with ${why}`, status: r.status };
  }
  return { ok: true, status: r.status, url: r.url, value, headers: r.headers };
}

/** Most detail lines of an error document a failure repeats (the document itself stays with the answer). */
const ERROR_DETAILS_SHOWN = 3;

/**
 * What an error document (EB-ERR-01) says, as the tail of a failure ("answered 422" + this): its code, its sentence
 * and, with `details`, its first messages (a 422's name each problem), each on one line and bounded.
 */
export function errorText(value: unknown, details = false): { code?: string; text: string } {
  if (!isObj(value)) return { text: '' };
  const code = typeof value.code === 'string' ? oneLine(value.code, 60) : undefined;
  const sentence = typeof value.message === 'string' ? oneLine(value.message) : undefined;
  const lines = details
    ? (Array.isArray(value.messages) ? value.messages : [])
        .slice(0, ERROR_DETAILS_SHOWN)
        .flatMap((m: unknown) => (isObj(m) && typeof m.message === 'string' ? [oneLine(m.message, 200)] : []))
        .filter((t) => t !== sentence)
    : [];
  const text = `${code ? ` ${code}` : ''}${sentence ? `: ${sentence}` : ''}${lines.length > 0 ? ` (${lines.join('; ')})` : ''}`;
  return { ...(code !== undefined ? { code } : {}), text };
}

/** A server's text on one line, control characters removed and length bounded (it is printed as is). */
export function oneLine(text: string, max = 300): string {
  const clean = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    // Shown as escapes, not obeyed.
    .replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .trim();
  return clean.length <= max ? clean : `${clean.slice(0, max)}…`;
}
