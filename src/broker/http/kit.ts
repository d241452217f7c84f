/** What every route needs: sending an answer, the error document for a specific code, the caller, the body. */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentType, Finding } from '../../findings.js';
import { errorInit, findingMessages, type ErrorInit, type SpecificCode } from '../errors.js';
import type { RenderContext } from '../documents.js';
import type { MessageItem } from '../messages.js';
import { isObject, withArticle, type JsonRecord } from '../../util/index.js';
import type { AppDeps } from './deps.js';
import { answerMediaType } from '../stages.js';
import { parseRefusal } from './parse-refusal.js';
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
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return m ? createHash('sha256').update(m[1]!).digest('hex') : null;
  };

  const refuse = (
    req: FastifyRequest,
    code: SpecificCode,
    message: string,
    extra?: Pick<ErrorInit, 'messages'>,
  ): Body => ({
    ok: false,
    answer: error(req, code, message, extra),
  });

  const readBody = (req: FastifyRequest, type: DocumentType): Body => {
    const contentType = req.headers['content-type'];
    const coding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (coding !== 'identity' && coding !== '') {
      return refuse(
        req,
        'UNSUPPORTED_CONTENT_TYPE',
        `Content-Encoding ${coding} is not supported; send the body uncompressed.`,
      );
    }
    const declared = stages.formatFromContentType(contentType);
    if (declared === 'unsupported') {
      return refuse(
        req,
        'UNSUPPORTED_CONTENT_TYPE',
        `Content-Type ${contentType} is not supported; send ${Object.values(stages.mediaTypes).join(', ')}.`,
      );
    }
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (raw.length === 0)
      return refuse(req, 'EMPTY_BODY', `The request body is empty; ${withArticle(type)} document is required.`);
    const parsed = stages.parse(raw, {
      format: declared ?? 'yaml',
      ...(contentType ? { mediaType: contentType } : {}),
      maxBytes: deps.bodyLimit,
    });
    const parseErrors = parsed.findings.filter((f) => f.level === 'error');
    if (parsed.value === undefined || parseErrors.length > 0) {
      const why = parseRefusal(parseErrors, {
        type,
        format: declared ?? 'yaml',
        contentType,
        bodyLimit: deps.bodyLimit,
      });
      return refuse(req, why.code, why.message, why.findings ? { messages: located(parsed, why.findings) } : {});
    }
    const result = stages.validate(parsed, { type });
    if (!result.valid) {
      const errors = result.findings.filter((f) => f.level === 'error');
      // Past the findings a result lists, its last finding counts the errors left out.
      const unlisted = result.findings.find((f) => f.ruleId === 'EBK_TOO_MANY_FINDINGS')?.params?.errorsNotListed;
      const count = errors.length + (typeof unlisted === 'number' ? unlisted : 0);
      return refuse(
        req,
        'INVALID_DOCUMENT',
        `The ${type} breaks ${count} rule${count === 1 ? '' : 's'} of the standard${count > errors.length ? ` (the first ${errors.length} are listed)` : ''}.`,
        {
          messages: located(parsed, errors.length > 0 ? errors : result.findings),
        },
      );
    }
    if (!isObject(parsed.value)) return refuse(req, 'INVALID_DOCUMENT', `A ${type} must be a mapping.`);
    return { ok: true, value: parsed.value };
  };

  return {
    deps,
    varyHeader,
    sessionTexts: new SessionRepresentations(),
    send,
    error,
    render: (req) => ({ baseUrl: deps.baseUrl(req), options }),
    owner,
    unauthenticated: (req) =>
      deps.auth === 'bearer' && owner(req) === null
        ? {
            ...error(req, 'UNAUTHENTICATED', 'This broker needs a bearer token (Authorization: Bearer …).'),
            headers: { 'www-authenticate': 'Bearer' },
          }
        : undefined,
    readBody,
  };
}

export function pathOf(req: FastifyRequest): string {
  const url = req.url;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function isVosi(req: FastifyRequest): boolean {
  const p = pathOf(req);
  return (p === '/capabilities' || p === '/availability') && (req.method === 'GET' || req.method === 'HEAD');
}

/** Findings as MessageItems, with line and column looked up lazily from the parsed source. */
function located(
  parsed: { locate(pointer: string): { line: number; column: number } | undefined },
  findings: Finding[],
): MessageItem[] {
  return findingMessages(
    findings.map((f) => {
      if (f.line !== undefined) return f;
      const at = parsed.locate(f.pointer);
      return at ? { ...f, line: at.line, column: at.column } : f;
    }),
  );
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
