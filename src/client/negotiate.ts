import { MEDIA_TYPES } from '../serialize/index.js';
import type { Format } from '../parse/index.js';
import type { DocumentType } from '../findings.js';
import type { HttpClient } from './http.js';
import type { HttpResult } from './types.js';
import { redactHeaders } from './evidence.js';
import { serialiseBody } from './serialise-body.js';

/** What to ask for in Accept: a format name, or a raw header value passed through (`string & {}` keeps the names offered). */
export type AcceptValue = Format | (string & {});

export interface SendOptions {
  /** Serialization of the body; also its Content-Type unless `contentType` overrides it. */
  format: Format;
  /** Format asked for in Accept (omit to send no Accept header). */
  accept?: AcceptValue;
  /** Overrides the Content-Type ('' sends none). */
  contentType?: string;
  followRedirects?: boolean;
  headers?: Record<string, string>;
}

/** The Accept value for a format name, or a raw header value passed through. */
export function acceptHeader(accept: AcceptValue): string {
  return accept in MEDIA_TYPES ? MEDIA_TYPES[accept as Format] : accept;
}

/**
 * POSTs `value` serialized as `format`, with content negotiation headers. A value that cannot be serialized (a
 * cycle, a nesting too deep) is an `unserialisable` failure, and nothing is sent.
 */
export async function postDocument(
  client: HttpClient,
  url: string,
  value: unknown,
  docType: DocumentType,
  opts: SendOptions,
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const contentType = opts.contentType ?? MEDIA_TYPES[opts.format];
  if (contentType !== '') headers['content-type'] = contentType;
  if (opts.accept !== undefined) headers['accept'] = acceptHeader(opts.accept);
  const body = serialiseBody(value, opts.format, docType);
  if (!body.ok) {
    const failure = { kind: 'unserialisable' as const, message: body.message };
    return {
      ok: false,
      failure: { ...failure, durationMs: 0 },
      evidence: { request: { method: 'POST', url, headers: redactHeaders(headers) }, curl: '', failure },
    };
  }
  return client.request({
    method: 'POST',
    url,
    headers,
    body: body.body,
    followRedirects: opts.followRedirects ?? false,
  });
}

/** GETs a URL asking for `accept`. */
export async function getDocument(client: HttpClient, url: string, accept?: AcceptValue): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  if (accept !== undefined) headers['accept'] = acceptHeader(accept);
  return client.request({ method: 'GET', url, headers });
}
