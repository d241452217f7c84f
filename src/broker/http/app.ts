import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DocumentType, Finding } from '../../findings.js';
import type { BrokerService } from '../service.js';
import type { Format, Stages } from '../stages.js';
import { findingMessages, type ErrorDocumentBuilder, type ErrorInit } from '../errors.js';
import { renderOfferSet, renderSession, offerSetUrl, sessionUrl, type RenderContext } from '../documents.js';
import type { VosiDocument } from '../vosi.js';
import type { MessageItem } from '../messages.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The response format negotiated from Accept (EB-HTTP-03/04). */
    ebFormat: Format;
  }
}

export interface AppDeps {
  service: BrokerService;
  stages: Stages;
  errorDocument: ErrorDocumentBuilder;
  capabilities: VosiDocument;
  availability: VosiDocument;
  standardID: string;
  bodyLimit: number;
  /** Absolute base URL of the service (no trailing slash) for Location, meta.url and VOSI access URLs. */
  baseUrl: (req: FastifyRequest) => string;
  /** 'bearer': sessions belong to the token that created them. */
  auth: 'none' | 'bearer';
  upSince: string;
  /** Health check for /availability. */
  healthy: () => boolean;
  stats: { internalErrors: number; lastInternalError?: unknown };
  /** Connection limits against slow or stalled clients (ms). */
  timeouts: ServerTimeouts;
  /** Access-Control-Allow-Origin for browser clients; undefined: no CORS headers. */
  corsOrigin: string | undefined;
}

export interface ServerTimeouts {
  /** Whole request (headers and body) must arrive within this. */
  request: number;
  /** Headers must arrive within this (slowloris). */
  headers: number;
  /** An idle kept-alive connection is closed after this. */
  keepAlive: number;
  /** How often node checks the two above. */
  checkInterval: number;
}

export const DEFAULT_TIMEOUTS: Readonly<ServerTimeouts> = Object.freeze({ request: 30_000, headers: 10_000, keepAlive: 5_000, checkInterval: 1_000 });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
type Obj = Record<string, unknown>;

/** A reply the handlers build; one function turns it into bytes so headers are always set the same way. */
interface Answer {
  status: number;
  value: unknown;
  docType: DocumentType;
  location?: string;
  headers?: Record<string, string>;
}

/** Builds the fastify app: routes, raw-body parsing, negotiation and the error document for every failure. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const { service, stages } = deps;
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
    frameworkErrors: (err, req, reply) => {
      req.ebFormat = stages.negotiateResponseFormat(req.headers.accept) ?? 'yaml';
      // A malformed or overlong UUID in a resource path names no resource: 404 (ARCHITECTURE.md).
      const path = pathOf(req);
      const answer = path.startsWith('/sessions/')
        ? errorAnswer(req, { status: 404, code: 'UNKNOWN_SESSION', message: 'The session path does not hold a valid UUID.' })
        : path.startsWith('/offersets/')
          ? errorAnswer(req, { status: 404, code: 'UNKNOWN_OFFERSET', message: 'The offer set path does not hold a valid UUID.' })
          : errorAnswer(req, { status: 400, code: 'BAD_REQUEST', message: `The request URL is malformed: ${err.message}` });
      send(req, reply, answer);
    },
  });

  // Bodies stay raw bytes: the project's own parser decodes them with its limits and positions.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.bodyLimit }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req, reply) => {
    reply.header('vary', varyHeader);
    if (deps.corsOrigin !== undefined && req.headers.origin !== undefined) {
      reply.header('access-control-allow-origin', deps.corsOrigin).header('access-control-expose-headers', 'Location');
    }
    const format = stages.negotiateResponseFormat(req.headers.accept);
    req.ebFormat = format ?? 'yaml';
    // OPTIONS (and the CORS preflight) describes the resource whatever Accept says.
    if (format === undefined && !isVosi(req) && req.method !== 'OPTIONS') {
      return send(req, reply, errorAnswer(req, {
        status: 406, code: 'NO_ACCEPTABLE_FORMAT',
        message: `None of the media types in Accept (${req.headers.accept}) can be produced; use ${Object.values(stages.mediaTypes).join(', ')}.`,
      }));
    }
    return undefined;
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode;
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      return send(req, reply, errorAnswer(req, { status: 413, code: 'BODY_TOO_LARGE', message: `The request body exceeds the limit of ${deps.bodyLimit} bytes.` }));
    }
    if (status === 415) {
      return send(req, reply, errorAnswer(req, { status: 415, code: 'UNSUPPORTED_CONTENT_TYPE', message: `The Content-Type ${req.headers['content-type'] ?? ''} is not supported.` }));
    }
    if (status !== undefined && status >= 400 && status < 500) {
      // fastify's own client errors (bad Content-Length, aborted body…): still the error document.
      return send(req, reply, errorAnswer(req, { status: 400, code: 'BAD_REQUEST', message: `The request could not be read: ${err.message}` }));
    }
    deps.stats.internalErrors++;
    deps.stats.lastInternalError = err;
    return send(req, reply, errorAnswer(req, { status: 500, code: 'INTERNAL_ERROR', message: 'The broker failed while handling a valid request.' }));
  });

  app.setNotFoundHandler((req, reply) =>
    send(req, reply, errorAnswer(req, { status: 404, code: 'UNKNOWN_PATH', message: `There is no resource at ${pathOf(req)}.` })),
  );

  // A specific allowed origin makes the answer depend on Origin too (shared caches must not mix them).
  const varyHeader = deps.corsOrigin !== undefined && deps.corsOrigin !== '*' ? 'Accept, Origin' : 'Accept';

  const ctx = (req: FastifyRequest): RenderContext => ({
    baseUrl: deps.baseUrl(req),
    options: (phase) => service.deps.options(phase, service.deps.transitions),
  });

  const owner = (req: FastifyRequest): string | null => {
    if (deps.auth !== 'bearer') return null;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return m ? createHash('sha256').update(m[1]!).digest('hex') : null;
  };

  /** Reads, parses and validates a body as `type`; an Answer when it cannot be used. */
  const readBody = (req: FastifyRequest, type: DocumentType): Body => {
    const contentType = req.headers['content-type'];
    const coding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (coding !== 'identity' && coding !== '') {
      return refuse(req, { status: 415, code: 'UNSUPPORTED_CONTENT_TYPE', message: `Content-Encoding ${coding} is not supported; send the body uncompressed.` });
    }
    const declared = stages.formatFromContentType(contentType);
    if (declared === 'unsupported') {
      return refuse(req, { status: 415, code: 'UNSUPPORTED_CONTENT_TYPE', message: `Content-Type ${contentType} is not supported; send ${Object.values(stages.mediaTypes).join(', ')}.` });
    }
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (raw.length === 0) return refuse(req, { status: 400, code: 'EMPTY_BODY', message: `The request body is empty; a ${type} document is required.` });
    const parsed = stages.parse(raw, { format: declared ?? 'yaml', ...(contentType ? { mediaType: contentType } : {}), maxBytes: deps.bodyLimit });
    const parseErrors = parsed.findings.filter((f) => f.level === 'error');
    if (parsed.value === undefined || parseErrors.length > 0) {
      if (parseErrors.some((f) => f.ruleId === 'EBK_TOO_LARGE')) {
        return refuse(req, { status: 413, code: 'BODY_TOO_LARGE', message: `The request body exceeds the limit of ${deps.bodyLimit} bytes.` });
      }
      if (parseErrors.length > 0 && parseErrors.every((f) => f.ruleId === 'EBK_EMPTY')) {
        return refuse(req, { status: 400, code: 'EMPTY_BODY', message: `The request body is empty; a ${type} document is required.` });
      }
      return refuse(req, { status: 400, code: 'MALFORMED_BODY', message: `The body is not well-formed ${(declared ?? 'yaml').toUpperCase()}.`, messages: located(parsed, parseErrors) });
    }
    const result = stages.validate(parsed, { type });
    if (!result.valid) {
      const errors = result.findings.filter((f) => f.level === 'error');
      return refuse(req, {
        status: 422, code: 'INVALID_DOCUMENT',
        message: `The ${type} breaks ${errors.length} rule${errors.length === 1 ? '' : 's'} of the standard.`,
        messages: located(parsed, errors.length > 0 ? errors : result.findings),
      });
    }
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      return refuse(req, { status: 422, code: 'INVALID_DOCUMENT', message: `A ${type} must be a mapping.` });
    }
    return { ok: true, value: parsed.value as Obj };
  };

  const unauthenticated = (req: FastifyRequest): Answer | undefined =>
    deps.auth === 'bearer' && owner(req) === null
      ? { ...errorAnswer(req, { status: 401, code: 'UNAUTHENTICATED', message: 'This broker needs a bearer token (Authorization: Bearer …).' }), headers: { 'www-authenticate': 'Bearer' } }
      : undefined;

  app.post('/requests', async (req, reply) => {
    const denied = unauthenticated(req);
    if (denied) return send(req, reply, denied);
    const body = readBody(req, 'request');
    if (!body.ok) return send(req, reply, body.answer);
    const { offerset, sessions } = service.submit(body.value, owner(req));
    const c = ctx(req);
    const url = offerSetUrl(c.baseUrl, offerset.uuid);
    return send(req, reply, { status: 303, location: url, value: renderOfferSet(offerset, sessions, c), docType: 'offerset' });
  });

  app.post('/direct', async (req, reply) => {
    const denied = unauthenticated(req);
    if (denied) return send(req, reply, denied);
    const body = readBody(req, 'request');
    if (!body.ok) return send(req, reply, body.answer);
    const { row, ok } = service.direct(body.value, owner(req));
    const c = ctx(req);
    const value = renderSession(row, c);
    return send(req, reply, ok ? { status: 303, location: sessionUrl(c.baseUrl, row.uuid), value, docType: 'session' } : { status: 400, value, docType: 'session' });
  });

  app.get<{ Params: { uuid: string } }>('/offersets/:uuid', async (req, reply) => {
    const found = UUID.test(req.params.uuid) ? service.offerSet(req.params.uuid.toLowerCase(), owner(req)) : undefined;
    if (!found) return send(req, reply, errorAnswer(req, { status: 404, code: 'UNKNOWN_OFFERSET', message: `No offer set ${req.params.uuid}.` }));
    return send(req, reply, { status: 200, value: renderOfferSet(found.offerset, found.sessions, ctx(req)), docType: 'offerset' });
  });

  app.get<{ Params: { uuid: string } }>('/sessions/:uuid', async (req, reply) => {
    const row = UUID.test(req.params.uuid) ? service.session(req.params.uuid.toLowerCase(), owner(req)) : undefined;
    if (!row) return send(req, reply, errorAnswer(req, { status: 404, code: 'UNKNOWN_SESSION', message: `No session ${req.params.uuid}.` }));
    return send(req, reply, { status: 200, value: renderSession(row, ctx(req)), docType: 'session' });
  });

  app.post<{ Params: { uuid: string } }>('/sessions/:uuid', async (req, reply) => {
    // Existence first: an unknown session is 404 whatever the body says.
    const uuid = req.params.uuid.toLowerCase();
    if (!UUID.test(uuid) || !service.session(uuid, owner(req))) {
      return send(req, reply, errorAnswer(req, { status: 404, code: 'UNKNOWN_SESSION', message: `No session ${req.params.uuid}.` }));
    }
    const body = readBody(req, 'update');
    if (!body.ok) return send(req, reply, body.answer);
    const out = service.update(uuid, owner(req), body.value);
    if (!out.ok) {
      const status = out.code === 'UNKNOWN_SESSION' ? 404 : 409;
      return send(req, reply, errorAnswer(req, { status, code: out.code, message: out.message }));
    }
    return send(req, reply, { status: 200, value: renderSession(out.row, ctx(req)), docType: 'session' });
  });

  const vosi = (path: string, doc: VosiDocument): void => {
    app.get(path, async (req, reply) => {
      const healthy = deps.healthy();
      const xml = doc({ baseUrl: deps.baseUrl(req), standardID: deps.standardID, upSince: deps.upSince, available: healthy });
      return reply.code(200).header('content-type', 'application/xml; charset=utf-8').send(xml);
    });
  };
  vosi('/capabilities', deps.capabilities);
  vosi('/availability', deps.availability);

  // Known paths with other methods: 405 with Allow, never 404. OPTIONS answers 204 with Allow (and is the
  // CORS preflight a browser sends before a cross-origin POST with a YAML or JSON body).
  const allowed: Record<string, string[]> = {
    '/requests': ['POST', 'OPTIONS'], '/direct': ['POST', 'OPTIONS'], '/offersets/:uuid': ['GET', 'HEAD', 'OPTIONS'],
    '/sessions/:uuid': ['GET', 'HEAD', 'POST', 'OPTIONS'], '/capabilities': ['GET', 'HEAD', 'OPTIONS'], '/availability': ['GET', 'HEAD', 'OPTIONS'],
  };
  for (const [url, methods] of Object.entries(allowed)) {
    const others = ALL_METHODS.filter((m) => !methods.includes(m));
    app.options(url, async (req, reply) => {
      reply.code(204).header('allow', methods.join(', '));
      if (deps.corsOrigin !== undefined && req.headers.origin !== undefined) {
        reply.header('access-control-allow-methods', methods.join(', '))
          .header('access-control-allow-headers', 'Content-Type, Accept, Authorization')
          .header('access-control-max-age', '600');
      }
      return reply.send();
    });
    app.route({
      method: others,
      url,
      handler: async (req, reply) => send(req, reply, {
        ...errorAnswer(req, { status: 405, code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed on ${pathOf(req)}; use ${methods.join(', ')}.` }),
        headers: { allow: methods.join(', ') },
      }),
    });
  }

  function refuse(req: FastifyRequest, init: ErrorInit): Body {
    return { ok: false, answer: errorAnswer(req, init) };
  }

  function errorAnswer(req: FastifyRequest, init: ErrorInit): Answer {
    return { status: init.status, value: deps.errorDocument({ path: pathOf(req), ...init }), docType: 'error' };
  }

  function send(req: FastifyRequest, reply: FastifyReply, a: Answer): FastifyReply {
    const format = req.ebFormat ?? 'yaml';
    const text = stages.serialize(a.value, format, a.docType);
    reply.code(a.status).header('content-type', `${stages.mediaTypes[format]}; charset=utf-8`).header('vary', varyHeader);
    if (a.location) reply.header('location', a.location);
    for (const [k, v] of Object.entries(a.headers ?? {})) reply.header(k, v);
    return reply.send(text);
  }

  return app;
}

/** A request body: the validated document, or the answer explaining why it cannot be used. */
type Body = { ok: true; value: Obj } | { ok: false; answer: Answer };

function isVosi(req: FastifyRequest): boolean {
  const p = pathOf(req);
  return (p === '/capabilities' || p === '/availability') && (req.method === 'GET' || req.method === 'HEAD');
}

function pathOf(req: FastifyRequest): string {
  const url = req.url;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Findings as MessageItems, with line and column looked up lazily from the parsed source. */
function located(parsed: { locate(pointer: string): { line: number; column: number } | undefined }, findings: Finding[]): MessageItem[] {
  return findingMessages(findings.map((f) => {
    if (f.line !== undefined) return f;
    const at = parsed.locate(f.pointer);
    return at ? { ...f, line: at.line, column: at.column } : f;
  }));
}
