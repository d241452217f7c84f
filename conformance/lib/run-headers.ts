/**
 * The headers a run may add to every probe. Accept and Content-Type are what the negotiation and error checks
 * vary probe by probe (EB-HTTP-01..03, EB-ERR-01: some send none at all); a run-wide value would replace what a
 * probe means to send, and the verdict would judge a request the check never made. Framing headers are the HTTP
 * client's to set, and Accept-Encoding too: the runner reads bodies as sent, so a compressed one would be unreadable.
 */
export const PROBE_OWNED_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-encoding',
  'content-type',
  'content-length',
  'transfer-encoding',
  'host',
]);

/** The headers with those a probe owns left out, and the names of those left out (lower case). */
export function runHeaders(headers: Record<string, string>): {
  headers: Record<string, string>;
  ignored: string[];
} {
  const kept: Record<string, string> = {};
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (PROBE_OWNED_HEADERS.has(name.toLowerCase())) ignored.push(name.toLowerCase());
    else kept[name] = value;
  }
  return { headers: kept, ignored };
}
