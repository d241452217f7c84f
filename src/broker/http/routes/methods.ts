/**
 * Known paths with other methods: 405 with Allow, never 404. OPTIONS answers 204 with Allow (and is the
 * CORS preflight a browser sends before a cross-origin POST with a YAML or JSON body).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ENDPOINT_METHODS, HTTP_METHODS, SERVER_METHODS } from '../../../model/index.js';

export { SERVER_METHODS };
import { pathOf, type Kit } from '../kit.js';

/** Answer headers a page may read: where to go next, how to authenticate, when to retry. */
export const EXPOSED_HEADERS = 'Location, WWW-Authenticate, Retry-After';

/** Headers every page may send: those of the standard, and the credentials a client passes. */
const ALLOWED_HEADERS = 'Content-Type, Accept, Authorization, Prefer';
/** A list of header names as a preflight asks for them (Access-Control-Request-Headers), bounded. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}){0,31}$/;

/**
 * The headers a preflight may use: the ones asked for when they are a list of header names (an API key header such
 * as X-API-Key, which `--header` sends, is one), added to the standard ones. The service sets no cookie and reads
 * credentials only from headers the page itself sends, so any such header may be allowed.
 */
function allowedHeaders(asked: string | string[] | undefined): string {
  const text = Array.isArray(asked) ? asked.join(',') : asked;
  return text !== undefined && HEADER_LIST.test(text.trim()) ? `${ALLOWED_HEADERS}, ${text.trim()}` : ALLOWED_HEADERS;
}

/** The 204 answer to OPTIONS: Allow, and, to a browser's CORS preflight when `cors`, the methods and headers it may use. */
export function answerOptions(
  req: FastifyRequest,
  reply: FastifyReply,
  methods: readonly string[],
  cors: boolean,
): FastifyReply {
  reply.code(204).header('allow', methods.join(', '));
  if (cors && req.headers.origin !== undefined) {
    reply
      .header('access-control-allow-methods', methods.join(', '))
      .header('access-control-allow-headers', allowedHeaders(req.headers['access-control-request-headers']))
      .header('access-control-max-age', '600');
  }
  return reply.send();
}

/** True for `OPTIONS *`, which asks about the server in general, not a resource (RFC 9110 §9.3.7). */
export const isServerWideOptions = (req: FastifyRequest): boolean => req.method === 'OPTIONS' && req.url === '*';

/** The 405 of a known path: METHOD_NOT_ALLOWED with Allow (EB-ERR-09, EB-VOSI-05). */
export function methodNotAllowed(req: FastifyRequest, reply: FastifyReply, kit: Kit, methods: readonly string[]) {
  return kit.send(req, reply, {
    ...kit.error(
      req,
      'METHOD_NOT_ALLOWED',
      `${req.method} is not allowed on ${pathOf(req)}; use ${methods.join(', ')}.`,
    ),
    headers: { allow: methods.join(', ') },
  });
}

export function methodRoutes(app: FastifyInstance, kit: Kit): void {
  const { deps } = kit;
  for (const [url, methods] of Object.entries(ENDPOINT_METHODS)) {
    const others = HTTP_METHODS.filter((m) => !methods.includes(m));
    app.options(url, async (req, reply) => answerOptions(req, reply, methods, deps.corsOrigin !== undefined));
    app.route({ method: others, url, handler: async (req, reply) => methodNotAllowed(req, reply, kit, methods) });
  }
}
