/**
 * Bearer tokens as the broker and the aggregator read them (RFC 6750 §2.1): `Authorization: Bearer <token>`, the
 * scheme in any case, one token without spaces. A refusal says which of three things is wrong, since "needs a
 * token" misleads a client that sent one: none sent, credentials of another scheme, or a Bearer value that is no
 * token (RFC 6750 §3.1 `invalid_request`, named in the challenge).
 */

/** The token of an Authorization header, or undefined when it holds none. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/** Why a request without a usable token is refused (its message) and the WWW-Authenticate challenge to send. */
export function missingToken(
  authorization: string | undefined,
  service: 'broker' | 'aggregator',
): { message: string; challenge: string } {
  const needs = `This ${service} needs a bearer token (Authorization: Bearer …)`;
  const value = authorization?.trim() ?? '';
  if (value === '') return { message: `${needs}.`, challenge: 'Bearer' };
  const scheme = /^\S+/.exec(value)?.[0] ?? '';
  if (scheme.toLowerCase() !== 'bearer')
    // The scheme is named, never the credentials after it.
    return {
      message: `${needs}; the Authorization header holds ${schemeName(scheme)} credentials.`,
      challenge: 'Bearer',
    };
  return {
    message: `${needs}; the Authorization header's Bearer value is not one token (no spaces, nothing after it).`,
    challenge: 'Bearer error="invalid_request"',
  };
}

/** A scheme as a message shows it: a token of letters and a few signs, else "other". */
function schemeName(scheme: string): string {
  return /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,31}$/.test(scheme) ? scheme : 'other';
}
