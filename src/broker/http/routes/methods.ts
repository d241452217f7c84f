/**
 * Known paths with other methods: 405 with Allow, never 404. OPTIONS answers 204 with Allow (and is the
 * CORS preflight a browser sends before a cross-origin POST with a YAML or JSON body).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ENDPOINT_METHODS, HTTP_METHODS } from '../../../model/index.js';
import { pathOf, type Kit } from '../kit.js';

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
      .header('access-control-allow-headers', 'Content-Type, Accept, Authorization, Prefer')
      .header('access-control-max-age', '600');
  }
  return reply.send();
}

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
