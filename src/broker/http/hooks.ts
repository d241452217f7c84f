/** What happens around every route: negotiation, CORS headers, and the error document for every failure. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isVosi, pathOf, routedPath, type Kit } from './kit.js';
import { endpointMethodsAt } from '../../model/index.js';
import {
  EXPOSED_HEADERS,
  SERVER_METHODS,
  answerOptions,
  isServerWideOptions,
  methodNotAllowed,
} from './routes/methods.js';
import { headerProblem } from './host-header.js';
import { keepReadingRefusedBody } from './early-refusal.js';
import { shownContentType } from './read-document.js';
import { invalidQualities } from '../../serialize/index.js';

/** The sentence of a 406 (EB-HTTP-12), the broker's and the aggregator's; a q that dropped its range is named. */
export function notAcceptableMessage(accept: string | undefined, mediaTypes: readonly string[]): string {
  const bad = invalidQualities(accept);
  const why =
    bad.length > 0
      ? ` (q=${bad.join(', q=')} is not a quality value, which is 0 to 1 with at most three decimals, RFC 9110 §12.4.2, so its range was ignored)`
      : '';
  return `None of the media types in Accept (${accept ?? ''}) can be produced${why}; use ${mediaTypes.join(', ')}.`;
}

/** fastify's `frameworkErrors`: a malformed URL is a client mistake, answered with the error document. */
export function frameworkErrors(kit: Kit): (err: Error, req: FastifyRequest, reply: FastifyReply) => void {
  return (err, req, reply) => {
    req.ebFormat = kit.deps.stages.negotiateResponseFormat(req.headers.accept) ?? 'yaml';
    // A malformed or overlong UUID in a resource path names no resource: 404 (ARCHITECTURE.md).
    const path = pathOf(req);
    const answer = path.startsWith('/sessions/')
      ? kit.error(req, 'UNKNOWN_SESSION', 'The session path does not hold a valid UUID.')
      : path.startsWith('/offersets/')
        ? kit.error(req, 'UNKNOWN_OFFERSET', 'The offer set path does not hold a valid UUID.')
        : kit.error(req, 'BAD_REQUEST', `The request URL is malformed: ${err.message}`);
    kit.send(req, reply, answer);
  };
}

/** Raw bodies, Accept negotiation (406), CORS headers, fastify's own errors and unknown paths. */
export function registerHooks(app: FastifyInstance, kit: Kit): void {
  const { deps } = kit;
  const { stages } = deps;
  // Bodies stay raw bytes: the project's own parser decodes them with its limits and positions.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.bodyLimit }, (_req, body, done) =>
    done(null, body),
  );

  app.addHook('onRequest', async (req, reply) => {
    reply.header('vary', kit.varyHeader);
    if (deps.corsOrigin !== undefined && req.headers.origin !== undefined) {
      reply
        .header('access-control-allow-origin', deps.corsOrigin)
        .header('access-control-expose-headers', EXPOSED_HEADERS);
    }
    const format = stages.negotiateResponseFormat(req.headers.accept);
    req.ebFormat = format ?? 'yaml';
    const refused = headerProblem(req.raw);
    if (refused !== undefined) {
      // The body is left unread: the connection cannot carry another request after it.
      if (refused.code === 'NOT_IMPLEMENTED') reply.header('connection', 'close');
      return kit.send(req, reply, kit.error(req, refused.code, refused.message));
    }
    const unusable = isVosi(req) || req.method === 'OPTIONS' ? undefined : kit.unusableCredentials(req);
    if (unusable !== undefined) return kit.send(req, reply, unusable);
    // OPTIONS (and the CORS preflight) describes the resource whatever Accept says.
    if (format === undefined && !isVosi(req) && req.method !== 'OPTIONS') {
      return kit.send(
        req,
        reply,
        kit.error(
          req,
          'NO_ACCEPTABLE_FORMAT',
          notAcceptableMessage(req.headers.accept, Object.values(stages.mediaTypes)),
        ),
      );
    }
    return undefined;
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode;
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      keepReadingRefusedBody(req, reply);
      return kit.send(
        req,
        reply,
        kit.error(req, 'BODY_TOO_LARGE', `The request body exceeds the limit of ${deps.bodyLimit} bytes.`),
      );
    }
    if (status === 415) {
      return kit.send(
        req,
        reply,
        kit.error(
          req,
          'UNSUPPORTED_CONTENT_TYPE',
          `The Content-Type ${shownContentType(req.headers['content-type'])} is not supported.`,
        ),
      );
    }
    if (status !== undefined && status >= 400 && status < 500) {
      // fastify's own client errors (bad Content-Length, aborted body…): still the error document.
      return kit.send(req, reply, kit.error(req, 'BAD_REQUEST', `The request could not be read: ${err.message}`));
    }
    deps.stats.internalErrors++;
    deps.stats.lastInternalError = err;
    return kit.send(req, reply, kit.error(req, 'INTERNAL_ERROR', 'The broker failed while handling a valid request.'));
  });

  app.setNotFoundHandler((req, reply) => {
    if (isServerWideOptions(req)) return answerOptions(req, reply, SERVER_METHODS, false);
    // A method the router was not told of (TRACE, PROPFIND…) on a known path lands here too.
    const methods = endpointMethodsAt(routedPath(req));
    if (methods) return methodNotAllowed(req, reply, kit, methods);
    return kit.send(req, reply, kit.error(req, 'UNKNOWN_PATH', `There is no resource at ${pathOf(req)}.`));
  });
}
