/**
 * The aggregator's HTTP face. The broker's app (src/broker/http/app.ts) is built around its own service and row
 * renderers, so it cannot serve proxied documents; this is the same fastify set-up with the same stages (parse,
 * validate, serialize, negotiation from src/broker/stages.ts), error document, VOSI documents and connection limits.
 */
import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DocumentType } from '../findings.js';
import { answerMediaType, defaultStages, type Format } from '../broker/stages.js';
import {
  ENDPOINT_METHODS,
  ERROR_STATUS,
  GENERAL_CODE_OF_STATUS,
  HTTP_METHODS,
  endpointMethodsAt,
  errorClassOf,
} from '../model/index.js';
import { availabilityXml, capabilitiesXml } from '../broker/vosi.js';
import { EXPOSED_HEADERS, SERVER_METHODS, answerOptions, isServerWideOptions } from '../broker/http/routes/methods.js';
import { serverOptions, type ServerTimeouts } from '../broker/http/app.js';
import { headerProblem } from '../broker/http/host-header.js';
import { bearerToken, missingToken, unusableCredentials } from '../broker/http/bearer.js';
import { routedPath } from '../broker/http/kit.js';
import { handleExpectations } from '../broker/http/expectations.js';
import { answerTunnels } from '../broker/http/client-errors.js';
import { notAcceptableMessage } from '../broker/http/hooks.js';
import { keepReadingRefusedBody } from '../broker/http/early-refusal.js';
import { readDocument, shownContentType, unsupportedMediaHeaders } from '../broker/http/read-document.js';
import { updateIdentityRefusal, withoutIdentifiers } from '../broker/http/update-identity.js';
import type { MessageItem } from './messages.js';
import type { AggregatorService, Caller } from './service.js';
import { renderSet } from './service.js';
import { offerSetUrl, sessionUrl } from './documents.js';
import type { Credentials } from './config.js';
import { preferredWaitMs } from '../client/prefer-wait.js';
import type { JsonRecord as Obj } from '../util/index.js';
import { printable } from '../util/index.js';

export interface AggregatorAppDeps {
  service: AggregatorService;
  baseUrl: (req: FastifyRequest) => string;
  auth: 'none' | 'bearer';
  bodyLimit: number;
  timeouts: ServerTimeouts;
  standardID: string;
  upSince: string;
  healthy: () => boolean;
  /** Credentials for each lower broker for an incoming bearer token (gateway mode, EB-FED-11). */
  credentialsFor: (token: string | undefined) => (broker: string) => Credentials | undefined;
  stats: { internalErrors: number; lastInternalError?: unknown };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Answer {
  status: number;
  value: unknown;
  docType: DocumentType;
  location?: string;
  headers?: Record<string, string>;
}

declare module 'fastify' {
  interface FastifyRequest {
    aggFormat: Format;
  }
}

export function buildAggregatorApp(deps: AggregatorAppDeps): FastifyInstance {
  const stages = defaultStages;
  const { service } = deps;
  const app = Fastify({
    ...serverOptions(deps.bodyLimit, deps.timeouts),
    frameworkErrors: (err, req, reply) => {
      req.aggFormat = stages.negotiateResponseFormat(req.headers.accept) ?? 'yaml';
      const path = pathOf(req);
      send(
        req,
        reply,
        path.startsWith('/sessions/')
          ? error(req, 404, 'UNKNOWN_SESSION', 'The session path does not hold a valid UUID.')
          : path.startsWith('/offersets/')
            ? error(req, 404, 'UNKNOWN_OFFERSET', 'The offer set path does not hold a valid UUID.')
            : error(req, 400, 'BAD_REQUEST', `The request URL is malformed: ${err.message}`),
      );
    },
  });
  handleExpectations(app.server, deps.bodyLimit);
  answerTunnels(app.server);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.bodyLimit }, (_req, body, done) =>
    done(null, body),
  );

  app.addHook('onRequest', async (req, reply) => {
    reply.header('vary', 'Accept');
    if (req.headers.origin !== undefined)
      reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', EXPOSED_HEADERS);
    const format = stages.negotiateResponseFormat(req.headers.accept);
    req.aggFormat = format ?? 'yaml';
    const refused = headerProblem(req.raw);
    if (refused !== undefined) {
      // The body is left unread: the connection cannot carry another request after it.
      if (refused.code === 'NOT_IMPLEMENTED') reply.header('connection', 'close');
      return send(req, reply, error(req, ERROR_STATUS[refused.code], refused.code, refused.message));
    }
    const guarded = !isVosi(req) && req.method !== 'OPTIONS';
    if (deps.auth === 'bearer' && guarded && unusableCredentials(req.headers.authorization))
      return send(req, reply, refusal(req));
    if (format === undefined && !isVosi(req) && req.method !== 'OPTIONS') {
      return send(
        req,
        reply,
        error(
          req,
          406,
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
      return send(
        req,
        reply,
        error(req, 413, 'BODY_TOO_LARGE', `The request body exceeds the limit of ${deps.bodyLimit} bytes.`),
      );
    }
    if (status === 415)
      return send(
        req,
        reply,
        error(
          req,
          415,
          'UNSUPPORTED_CONTENT_TYPE',
          `The Content-Type ${shownContentType(req.headers['content-type'])} is not supported.`,
        ),
      );
    if (status !== undefined && status >= 400 && status < 500)
      return send(req, reply, error(req, 400, 'BAD_REQUEST', `The request could not be read: ${err.message}`));
    deps.stats.internalErrors++;
    deps.stats.lastInternalError = err;
    return send(req, reply, error(req, 500, 'INTERNAL_ERROR', 'The aggregator failed while handling a valid request.'));
  });
  app.setNotFoundHandler((req, reply) => {
    if (isServerWideOptions(req)) return answerOptions(req, reply, SERVER_METHODS, false);
    // A method the router was not told of (TRACE, PROPFIND…) on a known path lands here too.
    const methods = endpointMethodsAt(routedPath(req));
    if (methods) return notAllowed(req, reply, methods);
    return send(req, reply, error(req, 404, 'UNKNOWN_PATH', `There is no resource at ${pathOf(req)}.`));
  });

  const token = (req: FastifyRequest): string | undefined => bearerToken(req.headers.authorization);
  const caller = (req: FastifyRequest): Caller => {
    const t = token(req);
    const via = req.headers.via;
    const waitMs = preferredWaitMs(req.headers.prefer);
    return {
      owner: deps.auth === 'bearer' && t ? createHash('sha256').update(t).digest('hex') : null,
      credentials: deps.credentialsFor(deps.auth === 'bearer' ? t : undefined),
      ...(typeof via === 'string' ? { via } : {}),
      ...(waitMs !== undefined ? { waitMs } : {}),
    };
  };
  const unauthenticated = (req: FastifyRequest): Answer | undefined =>
    deps.auth === 'bearer' && token(req) === undefined ? refusal(req) : undefined;
  const refusal = (req: FastifyRequest): Answer => {
    const why = missingToken(req.headers.authorization, 'aggregator');
    return { ...error(req, 401, 'UNAUTHENTICATED', why.message), headers: { 'www-authenticate': why.challenge } };
  };

  const readBody = (
    req: FastifyRequest,
    type: DocumentType,
  ): { ok: true; value: Obj } | { ok: false; answer: Answer } => {
    const read = readDocument(req, type, { stages, bodyLimit: deps.bodyLimit });
    return read.ok
      ? read
      : { ok: false, answer: error(req, errorClassOf(read.code).status, read.code, read.message, read.messages) };
  };

  app.post('/requests', async (req, reply) => {
    const denied = unauthenticated(req);
    if (denied) return send(req, reply, denied);
    const body = readBody(req, 'request');
    if (!body.ok) return send(req, reply, body.answer);
    const base = deps.baseUrl(req);
    const { set, offers, messages } = await service.submit(body.value, caller(req), base);
    return send(req, reply, {
      status: 303,
      location: offerSetUrl(base, set.uuid),
      value: renderSet(set, offers, base, messages),
      docType: 'offerset',
    });
  });

  app.post('/direct', async (req, reply) => {
    const denied = unauthenticated(req);
    if (denied) return send(req, reply, denied);
    const body = readBody(req, 'request');
    if (!body.ok) return send(req, reply, body.answer);
    const base = deps.baseUrl(req);
    const out = await service.direct(body.value, caller(req), base);
    if (out.outcome === 'held') return send(req, reply, error(req, out.status, out.code, out.message, out.messages));
    return send(
      req,
      reply,
      out.outcome === 'accepted'
        ? { status: 303, location: sessionUrl(base, out.uuid), value: out.doc, docType: 'session' }
        : { status: 400, value: out.doc, docType: 'session' },
    );
  });

  app.get<{ Params: { uuid: string } }>('/offersets/:uuid', async (req, reply) => {
    const doc = UUID.test(req.params.uuid)
      ? await service.offerSet(req.params.uuid.toLowerCase(), caller(req), deps.baseUrl(req))
      : undefined;
    if (!doc) return send(req, reply, error(req, 404, 'UNKNOWN_OFFERSET', `No offer set ${req.params.uuid}.`));
    return send(req, reply, { status: 200, value: doc, docType: 'offerset' });
  });

  app.get<{ Params: { uuid: string } }>('/sessions/:uuid', async (req, reply) => {
    const doc = UUID.test(req.params.uuid)
      ? await service.session(req.params.uuid.toLowerCase(), caller(req), deps.baseUrl(req))
      : undefined;
    if (!doc) return send(req, reply, error(req, 404, 'UNKNOWN_SESSION', `No session ${req.params.uuid}.`));
    return send(req, reply, { status: 200, value: doc, docType: 'session' });
  });

  app.post<{ Params: { uuid: string } }>('/sessions/:uuid', async (req, reply) => {
    const denied = unauthenticated(req);
    if (denied) return send(req, reply, denied);
    const uuid = req.params.uuid.toLowerCase();
    const who = caller(req);
    if (!UUID.test(uuid) || !service.sessionRow(uuid, who.owner)) {
      // As at the broker: another token's session is not shown, but its update is refused as not the caller's.
      if (UUID.test(uuid) && service.hasSession(uuid))
        return send(req, reply, error(req, 403, 'NOT_OWNER', `Session ${req.params.uuid} belongs to another token.`));
      return send(req, reply, error(req, 404, 'UNKNOWN_SESSION', `No session ${req.params.uuid}.`));
    }
    const body = readBody(req, 'update');
    if (!body.ok) return send(req, reply, body.answer);
    const misdirected = updateIdentityRefusal(body.value, req.params.uuid);
    if (misdirected)
      return send(
        req,
        reply,
        error(req, errorClassOf(misdirected.code).status, misdirected.code, misdirected.message, misdirected.messages),
      );
    const out = await service.update(uuid, withoutIdentifiers(body.value), who, deps.baseUrl(req));
    if (!out.ok) return send(req, reply, error(req, out.status, out.code, out.message));
    return send(req, reply, { status: 200, value: out.doc, docType: 'session' });
  });

  for (const [path, doc] of [
    ['/capabilities', capabilitiesXml],
    ['/availability', availabilityXml],
  ] as const) {
    app.get(path, async (req, reply) => {
      const kinds = service.executableKinds();
      // Its health is its store's and its brokers': with every one of them away, it can offer nothing (EB-VOSI-06).
      const away = service.allAway();
      const storeUp = deps.healthy();
      const xml = doc({
        baseUrl: deps.baseUrl(req),
        standardID: deps.standardID,
        upSince: deps.upSince,
        available: storeUp && !away,
        ...(storeUp && away
          ? { unavailableNote: `no lower broker answers (${away.slice(0, 16).join(', ')} did not, last asked)` }
          : {}),
        ...(kinds ? { executableKinds: kinds } : {}),
      });
      const label = answerMediaType(stages, req.headers.accept, 'xml');
      return reply.code(200).header('content-type', `${label}; charset=utf-8`).send(xml);
    });
  }

  for (const [url, methods] of Object.entries(ENDPOINT_METHODS)) {
    app.options(url, async (req, reply) => answerOptions(req, reply, methods, true));
    app.route({
      method: HTTP_METHODS.filter((m) => !methods.includes(m)),
      url,
      handler: async (req, reply) => notAllowed(req, reply, methods),
    });
  }

  /** The 405 of a known path, with Allow (EB-ERR-09, EB-VOSI-05). */
  function notAllowed(req: FastifyRequest, reply: FastifyReply, methods: readonly string[]) {
    return send(req, reply, {
      ...error(
        req,
        405,
        'METHOD_NOT_ALLOWED',
        `${req.method} is not allowed on ${pathOf(req)}; use ${methods.join(', ')}.`,
      ),
      headers: { allow: methods.join(', ') },
    });
  }

  /** The error document of the broker (same fields), with the aggregator's own specific codes allowed. */
  function error(req: FastifyRequest, status: number, code: string, message: string, messages?: MessageItem[]): Answer {
    const value: Obj = {
      status,
      error: GENERAL_CODE_OF_STATUS[status] ?? 'INTERNAL_ERROR',
      code,
      // As the broker's (src/broker/errors.ts): a quoted path's controls and bidi overrides are shown escaped.
      message: printable(message),
      path: pathOf(req),
    };
    if (messages && messages.length > 0) value.messages = messages;
    return { status, value, docType: 'error' };
  }

  function send(req: FastifyRequest, reply: FastifyReply, a: Answer): FastifyReply {
    const format = req.aggFormat ?? 'yaml';
    reply
      .code(a.status)
      .header('content-type', `${answerMediaType(stages, req.headers.accept, format)}; charset=utf-8`)
      .header('vary', 'Accept');
    if (a.location) reply.header('location', a.location);
    if (a.status === 415) reply.headers(unsupportedMediaHeaders(stages));
    for (const [k, v] of Object.entries(a.headers ?? {})) reply.header(k, v);
    return reply.send(stages.serialize(a.value, format, a.docType));
  }

  return app;
}

function isVosi(req: FastifyRequest): boolean {
  const p = routedPath(req);
  return (p === '/capabilities' || p === '/availability') && (req.method === 'GET' || req.method === 'HEAD');
}

function pathOf(req: FastifyRequest): string {
  const q = req.url.indexOf('?');
  return q === -1 ? req.url : req.url.slice(0, q);
}
