/**
 * A Location that is a relative reference: HTTP allows it (RFC 9110 §10.2.2) and the run resolves it, so
 * following it is judged as for any other; but the interface describes an absolute URL ({base}/offersets/{uuid},
 * {base}/sessions/{uuid}), and a client that does not resolve references cannot follow it. Said in a warning.
 */
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Why `location` may stop a client, or undefined for an absolute URL. */
export function relativeLocation(location: string | undefined): string | undefined {
  if (location === undefined || ABSOLUTE.test(location)) return undefined;
  return `the Location is the relative reference ${JSON.stringify(location)}: HTTP allows it (RFC 9110 §10.2.2) and this run resolved it, while the OpenAPI describes an absolute URL, which every client can follow`;
}
