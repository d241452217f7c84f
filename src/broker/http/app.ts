import Fastify, { type FastifyInstance } from 'fastify';
import { serverOptions, type AppDeps } from './deps.js';
import { frameworkErrors, registerHooks } from './hooks.js';
import { createKit } from './kit.js';
import { handleExpectations } from './expectations.js';
import { answerTunnels } from './client-errors.js';
import { methodRoutes } from './routes/methods.js';
import { requestRoutes } from './routes/requests.js';
import { resourceRoutes } from './routes/resources.js';
import { vosiRoutes } from './routes/vosi.js';

export { DEFAULT_TIMEOUTS, serverOptions, type AppDeps, type ServerTimeouts } from './deps.js';

/** Builds the fastify app: routes, raw-body parsing, negotiation and the error document for every failure. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const kit = createKit(deps);
  const app = Fastify({
    ...serverOptions(deps.bodyLimit, deps.timeouts),
    // Malformed URLs are client mistakes: answer with the error document, not fastify's own body.
    frameworkErrors: frameworkErrors(kit),
  });
  handleExpectations(app.server, deps.bodyLimit);
  answerTunnels(app.server);
  registerHooks(app, kit);
  requestRoutes(app, kit);
  resourceRoutes(app, kit);
  vosiRoutes(app, kit);
  methodRoutes(app, kit);
  return app;
}
