/**
 * An HTTP/1.1 request without a Host header (RFC 9112 §3.2: the server MUST answer 400). Node's own check
 * answers with an empty 400 before any route runs; the servers turn it off (`requireHostHeader: false`) and
 * answer here with the error document instead.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The reason to refuse the request, or undefined when its Host header is as HTTP requires. */
export function missingHostProblem(req: { httpVersion?: string; headers: IncomingHttpHeaders }): string | undefined {
  // HTTP/1.0 has no Host requirement; HTTP/2 carries :authority instead.
  if (req.httpVersion !== '1.1' || req.headers.host !== undefined) return undefined;
  return 'An HTTP/1.1 request must carry a Host header (RFC 9112 §3.2).';
}
