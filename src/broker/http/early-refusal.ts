/**
 * A body refused from its declared Content-Length (413) before it was read. fastify then asks for the connection
 * to close, and node closes it with the body still arriving: the kernel answers the rest with a reset, and a
 * client still sending often loses the 413 it was sent (RFC 9112 §9.6). With a declared length the end of the body
 * is known, so the connection is kept and the rest is read and discarded, the client reading its answer — but
 * only up to READ_ON_MAX_BYTES: a declared 100 GB was read on at a core's full speed until the request timeout
 * (26 GB in 30 s on loopback). Past the bound the connection is closed; the 413 went out long before.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The most of a refused body read on and discarded before the connection is closed under the rest. */
export const READ_ON_MAX_BYTES = 64 * 1024 * 1024;

export function keepReadingRefusedBody(req: FastifyRequest, reply: FastifyReply): void {
  const framed = req.headers['content-length'] !== undefined && req.headers['transfer-encoding'] === undefined;
  if (!framed) return;
  reply.removeHeader('connection');
  // Read here rather than left to node's own discarding of an unread body, which cannot be counted.
  const body = req.raw;
  let discarded = 0;
  body.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > READ_ON_MAX_BYTES) body.socket.destroy();
  });
}
