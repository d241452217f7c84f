import type { ParsedDocument } from '../parse/index.js';

/** Limits every request obeys; a hostile server can cost at most this much. */
export interface ClientLimits {
  /** Whole request (connect, headers, body), per hop. */
  timeoutMs: number;
  /** Response bodies above this are cut off and reported as `too-large`. */
  maxBytes: number;
  /** Redirects followed before `redirect-limit`. */
  maxRedirects: number;
}

export interface ClientOptions extends Partial<ClientLimits> {
  /** Origins (scheme://host:port) redirects and returned URLs may lead to; the target's own is always allowed. */
  allowedOrigins?: string[];
  /**
   * Take the loopback names of an allowed origin (localhost, 127.0.0.1, [::1], same scheme and port) as one origin
   * (default false). A broker started as `ebkit serve` names itself http://127.0.0.1:P; a user who types
   * http://localhost:P means the same socket. The conformance runner keeps origins strict: there, a broker naming
   * itself by another host than the one it was reached at is worth a skip that says so.
   */
  loopbackAliases?: boolean;
  /** Sent with every request (e.g. Authorization); per-request headers win. */
  headers?: Record<string, string>;
  /** Aborts every request in flight (whole-run deadline). */
  signal?: AbortSignal;
  /** Most connections open to one origin at a time (default 16); more requests queue. */
  connections?: number;
  /**
   * Record headers, body excerpts and a curl command in each result's evidence (default true). A caller that
   * never reports evidence (the aggregator's upstream client) turns it off: results then carry `brief` evidence.
   */
  evidence?: boolean;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Follow 301/302/303/307/308 (default false: the suite usually wants to see the redirect). */
  followRedirects?: boolean;
  /** Parse the body with `parse` (default true when the body is non-empty). */
  parse?: boolean;
  /** A shorter timeout for each hop of this request than the client's own (never a longer one). */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  bodyText: string;
  /** The URL that answered (after redirects). */
  url: string;
  /** URLs of the redirects followed, in order. */
  redirects: string[];
  parsed?: ParsedDocument;
  durationMs: number;
}

export type HttpFailureKind =
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'too-large'
  | 'redirect-limit'
  | 'origin-refused'
  | 'aborted'
  | 'bad-url'
  | 'network'
  /** The body is not what its Content-Encoding says (a broken gzip stream, say). */
  | 'bad-coding'
  /** Nothing was sent: the body given could not be written out (a cycle, a nesting too deep). */
  | 'unserialisable';

export interface HttpFailure {
  kind: HttpFailureKind;
  message: string;
  durationMs: number;
  /** Status of the last answer seen before the failure, if any. */
  status?: number;
  /** For `origin-refused`: the origin the client would not go to. */
  refusedOrigin?: string;
}

import type { Evidence } from '../findings.js';
export type { Evidence };

export type HttpResult =
  { ok: true; response: HttpResponse; evidence: Evidence } | { ok: false; failure: HttpFailure; evidence: Evidence };
