/**
 * An HTTP/1.1 request without a Host header, or with more than one (RFC 9112 §3.2: the server MUST answer 400).
 * Node's own check answers a missing one with an empty 400 before any route runs, and keeps the first of two;
 * the servers turn it off (`requireHostHeader: false`) and answer here with the error document instead.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The reason to refuse the request, or undefined when its Host header is as HTTP requires. */
export function missingHostProblem(req: {
  httpVersion?: string;
  headers: IncomingHttpHeaders;
  rawHeaders?: string[];
}): string | undefined {
  const raw = req.rawHeaders ?? [];
  let hosts = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]?.length === 4 && raw[i]?.toLowerCase() === 'host') hosts++;
  if (hosts > 1) return 'The request carries more than one Host header (RFC 9112 §3.2).';
  // HTTP/1.0 has no Host requirement; HTTP/2 carries :authority instead.
  if (req.httpVersion !== '1.1' || req.headers.host !== undefined) return undefined;
  return 'An HTTP/1.1 request must carry a Host header (RFC 9112 §3.2).';
}
