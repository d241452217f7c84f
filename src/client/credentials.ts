/**
 * Credentials a client sends to brokers (`--header`, `--user`, `--token`), turned into request headers, and the
 * secrets they hold, so that nothing the client prints can carry one.
 */
import { printable, scrubForms, secretForms } from '../util/index.js';

export interface Credentials {
  /** Extra headers sent with every request (names are case-insensitive). */
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer TOKEN`. */
  token?: string;
  /** `NAME:PASSWORD`, sent as HTTP Basic; ignored when `token` is set. */
  user?: string;
}

/** The request headers for `creds` (lower-case names). */
export function credentialHeaders(creds: Credentials | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(creds?.headers ?? {})) out[name.toLowerCase()] = value;
  if (creds?.token !== undefined) out['authorization'] = `Bearer ${creds.token}`;
  else if (creds?.user !== undefined) out['authorization'] = `Basic ${Buffer.from(creds.user).toString('base64')}`;
  return out;
}

/** Headers of content negotiation and caching: their values say nothing secret and stay readable in reports. */
const PLAIN_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-type',
  'pragma',
  'user-agent',
]);

/** Whether a header given on the command line may carry a credential: every one but the plain headers above. */
export function isSecretHeader(name: string): boolean {
  return !PLAIN_HEADERS.has(name.toLowerCase());
}

/** Every string of `creds` that must never be printed: token, password, header values and their encodings. */
export function secretsOf(creds: Credentials | undefined): string[] {
  const out: string[] = [];
  if (creds?.token) out.push(creds.token);
  if (creds?.user) {
    out.push(creds.user, Buffer.from(creds.user).toString('base64'));
    const password = creds.user.slice(creds.user.indexOf(':') + 1);
    if (creds.user.includes(':') && password.length > 0) out.push(password);
  }
  for (const [name, value] of Object.entries(creds?.headers ?? {}))
    if (value.length > 0 && isSecretHeader(name)) out.push(value);
  // Longest first, so a secret that contains another is removed whole.
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}

/** `text` with every secret, in each form it may be echoed in (`secretEncodings`), replaced by `<redacted>`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return scrubForms(text, secretForms(secrets));
}

/**
 * A URL as it may be shown: user name and password removed. Text that is no URL loses everything between `//`
 * and its last `@` too: `http://me:pw@host:99999/` is refused for its port, and must not print its password then.
 */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username === '' && u.password === '') return printable(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    // Whatever stands between the scheme and the last @ before the path may be user:password, with // or without.
    return printable(url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:(?:\/\/)?)[^/?#]*@/, '$1'));
  }
}

/** True when `url` carries a user name or password (`http://me:pw@host/`): no request is sent to it. */
export function hasUserInfo(url: string): boolean {
  // No '@', no user info: the common case costs no URL parse (every request of the aggregator asks).
  if (!url.includes('@')) return false;
  try {
    const u = new URL(url);
    return u.username !== '' || u.password !== '';
  } catch {
    return false;
  }
}

/** Why a URL with a user name or password is refused, without repeating them (`displayUrl`). */
export const userInfoRefusal = (url: string): string =>
  `${displayUrl(url)} was given with a user name or password in it (not repeated here); pass them as the client's token, user or headers option, which no message or evidence shows`;

/** RFC 9110 token characters only: a header name cannot smuggle a line break or a space. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** True when `name` can be sent as a header name (an RFC 9110 token). */
export const isHeaderName = (name: string): boolean => HEADER_NAME.test(name);

/** Parses a `Name: value` header given on the command line; undefined when it is not one. */
export function parseHeaderArg(text: string): { name: string; value: string } | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const name = text.slice(0, colon).trim();
  if (!HEADER_NAME.test(name)) return undefined;
  const value = text.slice(colon + 1).trim();
  if (/[\r\n\0]/.test(value)) return undefined;
  return { name, value };
}

/**
 * Why a `--header` argument is not `Name: value`, quoting at most its name: the rest may be the credential it was
 * meant to carry ("Authorization=Bearer …"), and no secret is ever printed.
 */
export function headerArgProblem(text: string): string {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  const shown = HEADER_NAME.test(name) ? `"${name}: …"` : 'one';
  return `--header must be "Name: value" with a token name and a one-line value; ${shown} is not (its value is not shown, it may be a secret)`;
}
