/**
 * Known paths with other methods: 405 with Allow, never 404. OPTIONS answers 204 with Allow (and is the
 * CORS preflight a browser sends before a cross-origin POST with a YAML or JSON body).
 */
import type { FastifyInstance } from 'fastify';
import { ENDPOINT_METHODS, HTTP_METHODS } from '../../../model/index.js';
import { pathOf, type Kit } from '../kit.js';

export function methodRoutes(app: FastifyInstance, kit: Kit): void {
  const { deps } = kit;
  for (const [url, methods] of Object.entries(ENDPOINT_METHODS)) {
    const others = HTTP_METHODS.filter((m) => !methods.includes(m));
    app.options(url, async (req, reply) => {
      reply.code(204).header('allow', methods.join(', '));
      if (deps.corsOrigin !== undefined && req.headers.origin !== undefined) {
        reply
          .header('access-control-allow-methods', methods.join(', '))
          .header('access-control-allow-headers', 'Content-Type, Accept, Authorization')
          .header('access-control-max-age', '600');
      }
      return reply.send();
    });
    app.route({
      method: others,
      url,
      handler: async (req, reply) =>
        kit.send(req, reply, {
          ...kit.error(
            req,
            'METHOD_NOT_ALLOWED',
            `${req.method} is not allowed on ${pathOf(req)}; use ${methods.join(', ')}.`,
          ),
          headers: { allow: methods.join(', ') },
        }),
    });
  }
}
