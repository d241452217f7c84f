import Fastify, { type FastifyInstance } from 'fastify';
import type { AppDeps } from './deps.js';
import { frameworkErrors, registerHooks } from './hooks.js';
import { createKit } from './kit.js';
import { methodRoutes } from './routes/methods.js';
import { requestRoutes } from './routes/requests.js';
import { resourceRoutes } from './routes/resources.js';
import { vosiRoutes } from './routes/vosi.js';

export { DEFAULT_TIMEOUTS, type AppDeps, type ServerTimeouts } from './deps.js';

/** Builds the fastify app: routes, raw-body parsing, negotiation and the error document for every failure. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const kit = createKit(deps);
  const app = Fastify({
    logger: false,
    bodyLimit: deps.bodyLimit,
    // `/sessions/{uuid}/` is the same resource as `/sessions/{uuid}` (clients and proxies add the slash).
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    return503OnClosing: true,
    // Slow or stalled clients must not hold sockets forever (node answers 408 and closes).
    requestTimeout: deps.timeouts.request,
    keepAliveTimeout: deps.timeouts.keepAlive,
    http: { headersTimeout: deps.timeouts.headers, connectionsCheckingInterval: deps.timeouts.checkInterval },
    // Malformed URLs are client mistakes: answer with the error document, not fastify's own body.
    frameworkErrors: frameworkErrors(kit),
  });
  registerHooks(app, kit);
  requestRoutes(app, kit);
  resourceRoutes(app, kit);
  vosiRoutes(app, kit);
  methodRoutes(app, kit);
  return app;
}
