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

/**
 * Credentials were sent but hold no usable token: refused on every route a token guards, reads included (read as
 * anonymous, a GET of the caller's own session would answer 404, hiding that the token was never read).
 */
export function unusableCredentials(authorization: string | undefined): boolean {
  return authorization !== undefined && bearerToken(authorization) === undefined;
}

/** Why a request without a usable token is refused (its message) and the WWW-Authenticate challenge to send. */
export function missingToken(
  authorization: string | undefined,
  service: 'broker' | 'aggregator',
): { message: string; challenge: string } {
  const needs = `This ${service} needs a bearer token (Authorization: Bearer …)`;
  const value = authorization?.trim() ?? '';
  if (value === '') return { message: `${needs}.`, challenge: 'Bearer' };
  if ((/^\S+/.exec(value)?.[0] ?? '').toLowerCase() !== 'bearer') {
    // A scheme is named only when it is a registered one followed by its credentials: a bare key sent without one
    // (`Authorization: s3cr3t`) would otherwise be echoed as its "scheme".
    const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
    return {
      message: `${needs}; the Authorization header holds ${schemeName(scheme)} credentials.`,
      challenge: 'Bearer',
    };
  }
  return {
    message: `${needs}; the Authorization header's Bearer value is not one token (no spaces, nothing after it).`,
    challenge: 'Bearer error="invalid_request"',
  };
}

/** Schemes of the IANA HTTP Authentication Scheme Registry (and a few in common use): the ones a message names. */
const KNOWN_SCHEMES: ReadonlyMap<string, string> = new Map(
  [
    'Basic',
    'Digest',
    'Negotiate',
    'NTLM',
    'DPoP',
    'HOBA',
    'Mutual',
    'SCRAM-SHA-1',
    'SCRAM-SHA-256',
    'vapid',
    'AWS4-HMAC-SHA256',
    'Token',
    'ApiKey',
  ].map((s) => [s.toLowerCase(), s]),
);

/** A scheme as a message shows it: a known one by its name, anything else as "other" (it may be a secret). */
function schemeName(scheme: string | undefined): string {
  return (scheme !== undefined ? KNOWN_SCHEMES.get(scheme.toLowerCase()) : undefined) ?? 'other';
}
