/**
 * A body refused from its declared Content-Length (413) before it was read. fastify then asks for the connection
 * to close, and node closes it with the body still arriving: the kernel answers the rest with a reset, and a
 * client still sending often loses the 413 it was sent (RFC 9112 §9.6). With a declared length the end of the body
 * is known, so the connection is kept: node reads the rest and discards it (bounded by the request timeout), and
 * the client reads its answer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export function keepReadingRefusedBody(req: FastifyRequest, reply: FastifyReply): void {
  const framed = req.headers['content-length'] !== undefined && req.headers['transfer-encoding'] === undefined;
  if (framed) reply.removeHeader('connection');
}
