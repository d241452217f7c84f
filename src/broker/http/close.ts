/**
 * Closing a server without waiting on its clients: `close()` stops node's header and request timeouts, so a
 * client that sent half a request (or nothing) on an open socket held the close, and the process, until it left.
 */
import type { FastifyInstance } from 'fastify';

/** How long requests in flight may still finish once a close has begun. */
export const CLOSE_GRACE_MS = 2_000;

/** Stops listening, lets the requests in flight finish within `graceMs`, then drops every connection left. */
export async function closeServer(app: FastifyInstance, graceMs = CLOSE_GRACE_MS): Promise<void> {
  const timer = setTimeout(() => app.server.closeAllConnections(), graceMs);
  timer.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
}
