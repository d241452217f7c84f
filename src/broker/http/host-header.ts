/**
 * An HTTP/1.1 request without a Host header, or with more than one (RFC 9112 §3.2: the server MUST answer 400).
 * Node's own check answers a missing one with an empty 400 before any route runs, and keeps the first of two;
 * the servers turn it off (`requireHostHeader: false`) and answer here with the error document instead.
 * Two Content-Type headers that differ are refused too: node keeps the first, and the body would be read as a type
 * its sender may not have meant (RFC 9110 §5.3: a field that takes one value cannot be sent twice).
 * A transfer coding other than chunked is 501 (RFC 9112 §6.1): node reads `gzip, chunked` as chunked alone, and the
 * gzip bytes would be read as the document.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface HeaderProblem {
  code: 'BAD_REQUEST' | 'NOT_IMPLEMENTED';
  message: string;
}

/** Why to refuse the request, or undefined when its Host, Content-Type and Transfer-Encoding are as HTTP requires. */
export function headerProblem(req: {
  httpVersion?: string;
  headers: IncomingHttpHeaders;
  rawHeaders?: string[];
}): HeaderProblem | undefined {
  const coding = unknownTransferCoding(req.headers['transfer-encoding']);
  if (coding !== undefined)
    return {
      code: 'NOT_IMPLEMENTED',
      message: `The request body is sent with the transfer coding ${JSON.stringify(coding)}, which this service does not implement; send it with chunked alone, or with a Content-Length (RFC 9112 §6.1).`,
    };
  const bad = hostOrTypeProblem(req);
  return bad === undefined ? undefined : { code: 'BAD_REQUEST', message: bad };
}

/** The first transfer coding other than chunked, clipped for a message; undefined when there is none. */
function unknownTransferCoding(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const other = header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    // Empty list elements are no coding (RFC 9110 §5.6.1): `chunked,` is chunked.
    .find((c) => c !== '' && c !== 'chunked');
  return other === undefined ? undefined : other.replace(/[^\x21-\x7e]/g, '?').slice(0, 40);
}

function hostOrTypeProblem(req: {
  httpVersion?: string;
  headers: IncomingHttpHeaders;
  rawHeaders?: string[];
}): string | undefined {
  const raw = req.rawHeaders ?? [];
  let hosts = 0;
  let authorizations = 0;
  let contentType: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name?.length === 4 && name.toLowerCase() === 'host') hosts++;
    else if (name?.length === 13 && name.toLowerCase() === 'authorization') authorizations++;
    else if (name?.length === 12 && name.toLowerCase() === 'content-type') {
      const value = (raw[i + 1] ?? '').trim();
      if (contentType !== undefined && value.toLowerCase() !== contentType.toLowerCase())
        return 'The request carries two Content-Type headers that differ; send one (RFC 9110 §5.3).';
      contentType = value;
    }
  }
  if (hosts > 1) return 'The request carries more than one Host header (RFC 9112 §3.2).';
  // Node keeps the first: which credentials the request is read with would be a guess.
  if (authorizations > 1) return 'The request carries more than one Authorization header; send one (RFC 9110 §11.6.2).';
  // HTTP/1.0 has no Host requirement; HTTP/2 carries :authority instead.
  if (req.httpVersion !== '1.1' || req.headers.host !== undefined) return undefined;
  return 'An HTTP/1.1 request must carry a Host header (RFC 9112 §3.2).';
}
