/** What every route needs: sending an answer, the error document for a specific code, the caller, the body. */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentType } from '../../findings.js';
import { errorInit, type ErrorInit, type SpecificCode } from '../errors.js';
import type { RenderContext } from '../documents.js';
import type { JsonRecord } from '../../util/index.js';
import type { AppDeps } from './deps.js';
import { answerMediaType } from '../stages.js';
import { readDocument, unsupportedMediaHeaders } from './read-document.js';
import { bearerToken, missingToken, unusableCredentials } from './bearer.js';
import { SessionRepresentations } from './representations.js';
import { optionsFor, type Transition } from '../lifecycle/transitions.js';
import type { OptionsFn } from '../service.js';
import type { SessionPhase } from '../../model/index.js';

/** A reply the handlers build; one function turns it into bytes so headers are always set the same way. */
export interface Answer {
  status: number;
  value: unknown;
  docType: DocumentType;
  location?: string;
  headers?: Record<string, string>;
  /** `value` already serialized in the request's format (a remembered representation). */
  text?: string;
}

/** A request body: the validated document, or the answer explaining why it cannot be used. */
export type Body = { ok: true; value: JsonRecord } | { ok: false; answer: Answer };

export interface Kit {
  readonly deps: AppDeps;
  /** `Vary` of every answer: a specific allowed origin makes the answer depend on Origin too. */
  readonly varyHeader: string;
  /** Serialized session documents, until the session changes. */
  readonly sessionTexts: SessionRepresentations;
  send(req: FastifyRequest, reply: FastifyReply, a: Answer): FastifyReply;
  /** The error document for a specific code; status and general code follow from the code (src/model). */
  error(req: FastifyRequest, code: SpecificCode, message: string, extra?: Pick<ErrorInit, 'messages'>): Answer;
  render(req: FastifyRequest): RenderContext;
  /** The caller's identity (a token hash) under bearer auth, else null. */
  owner(req: FastifyRequest): string | null;
  /** The 401 answer when bearer auth is on and no token came. */
  unauthenticated(req: FastifyRequest): Answer | undefined;
  /** Under bearer auth, the refusal of an Authorization header that holds no usable token (any route). */
  unusableCredentials(req: FastifyRequest): Answer | undefined;
  /** Reads, parses and validates a body as `type`. */
  readBody(req: FastifyRequest, type: DocumentType): Body;
}

export function createKit(deps: AppDeps): Kit {
  const { stages, service } = deps;
  const options = phaseOptions(service.deps.options, service.deps.transitions);
  const varyHeader = deps.corsOrigin !== undefined && deps.corsOrigin !== '*' ? 'Accept, Origin' : 'Accept';

  const send = (req: FastifyRequest, reply: FastifyReply, a: Answer): FastifyReply => {
    const format = req.ebFormat ?? 'yaml';
    const text = a.text ?? stages.serialize(a.value, format, a.docType);
    reply
      .code(a.status)
      .header('content-type', `${answerMediaType(stages, req.headers.accept, format)}; charset=utf-8`)
      .header('vary', varyHeader);
    if (a.location) reply.header('location', a.location);
    if (a.status === 415) reply.headers(unsupportedMediaHeaders(stages));
    for (const [k, v] of Object.entries(a.headers ?? {})) reply.header(k, v);
    return reply.send(text);
  };

  const error = (
    req: FastifyRequest,
    code: SpecificCode,
    message: string,
    extra: Pick<ErrorInit, 'messages'> = {},
  ): Answer => {
    const init = errorInit(code, message, extra);
    return { status: init.status, value: deps.errorDocument({ path: pathOf(req), ...init }), docType: 'error' };
  };

  const owner = (req: FastifyRequest): string | null => {
    if (deps.auth !== 'bearer') return null;
    const token = bearerToken(req.headers.authorization);
    return token ? createHash('sha256').update(token).digest('hex') : null;
  };

  const readBody = (req: FastifyRequest, type: DocumentType): Body => {
    const read = readDocument(req, type, { stages, bodyLimit: deps.bodyLimit });
    return read.ok
      ? read
      : { ok: false, answer: error(req, read.code, read.message, read.messages ? { messages: read.messages } : {}) };
  };

  const refusal = (req: FastifyRequest): Answer => {
    const why = missingToken(req.headers.authorization, 'broker');
    return { ...error(req, 'UNAUTHENTICATED', why.message), headers: { 'www-authenticate': why.challenge } };
  };

  return {
    deps,
    varyHeader,
    sessionTexts: new SessionRepresentations(),
    send,
    error,
    render: (req) => ({ baseUrl: deps.baseUrl(req), options }),
    owner,
    unauthenticated: (req) => (deps.auth === 'bearer' && owner(req) === null ? refusal(req) : undefined),
    unusableCredentials: (req) =>
      deps.auth === 'bearer' && unusableCredentials(req.headers.authorization) ? refusal(req) : undefined,
    readBody,
  };
}

export function pathOf(req: FastifyRequest): string {
  const url = req.url;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** The path as the router reads it: duplicate slashes as one, a trailing slash dropped (serverOptions). */
export function routedPath(req: FastifyRequest): string {
  const p = pathOf(req).replace(/\/{2,}/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

export function isVosi(req: FastifyRequest): boolean {
  const p = routedPath(req);
  return (p === '/capabilities' || p === '/availability') && (req.method === 'GET' || req.method === 'HEAD');
}

/**
 * What `meta.options` advertises per phase. The default `optionsFor` is a pure function of the phase and the
 * fixed table, so its answers are computed once and frozen (documents share them; nothing writes to a
 * rendered document). A replaced function (a mutant) is asked every time, as it may answer differently.
 */
function phaseOptions(fn: OptionsFn, table: readonly Transition[]): (phase: SessionPhase) => unknown[] {
  if (fn !== optionsFor) return (phase) => fn(phase, table);
  const memo = new Map<SessionPhase, unknown[]>();
  return (phase) => {
    let list = memo.get(phase);
    if (!list) {
      list = deepFreeze(fn(phase, table));
      memo.set(phase, list);
    }
    return list;
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
