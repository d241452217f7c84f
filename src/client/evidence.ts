import type { Evidence } from './types.js';

/** Longest body kept in evidence; reports stay readable and small. */
export const EXCERPT_CHARS = 2000;
/** Bodies up to this length are written into the curl command in full. */
const CURL_BODY_CHARS = 8192;
/** Credentials never reach a report. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

export function excerpt(text: string, max = EXCERPT_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? '<redacted>' : value;
  }
  return out;
}

/** POSIX shell single-quoting: safe for any byte sequence but NUL. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A curl command that replays the request (credentials redacted, huge bodies elided). */
export function curlCommand(method: string, url: string, headers: Record<string, string>, body?: string): string {
  const parts = ['curl', '-i', '-X', method, shellQuote(url)];
  for (const [name, value] of Object.entries(redactHeaders(headers))) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (body !== undefined && body.length > 0) {
    if (body.length <= CURL_BODY_CHARS) parts.push('--data-binary', shellQuote(body));
    else parts.push('--data-binary', `@body.txt  # ${body.length} characters, not reproduced here`);
  }
  return parts.join(' ');
}

export function requestEvidence(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
): Evidence {
  const request: Evidence['request'] = { method, url, headers: redactHeaders(headers) };
  if (body !== undefined && body.length > 0) request.bodyExcerpt = excerpt(body);
  return { request, curl: curlCommand(method, url, headers, body) };
}
