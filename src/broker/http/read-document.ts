/**
 * Reading a request body as a document, the same at the broker and the aggregator (each one had its own copy, and
 * the aggregator's 422 had lost the line and column of each finding and the count of errors): the coding and the
 * media type are checked, the bytes parsed and validated, and a refusal says which error code applies and why.
 */
import type { DocumentType, Finding } from '../../findings.js';
import type { ParsedDocument } from '../../parse/index.js';
import { isObject, printable, withArticle, type JsonRecord } from '../../util/index.js';
import { findingMessages, type SpecificCode } from '../errors.js';
import type { MessageItem } from '../messages.js';
import type { Stages } from '../stages.js';
import { parseRefusal } from './parse-refusal.js';
import { wrapperOf } from '../../validate/generations.js';

/** A request as far as its body goes (a FastifyRequest is one). */
export interface BodyInput {
  headers: { 'content-type'?: string | undefined; 'content-encoding'?: string | undefined };
  /** The bytes as fastify's buffer parser gave them (anything else counts as no body). */
  body: unknown;
}

export type DocumentRead =
  { ok: true; value: JsonRecord } | { ok: false; code: SpecificCode; message: string; messages?: MessageItem[] };

/**
 * The headers of a 415: what a body may be sent as. RFC 9110 §12.5.3 asks for Accept-Encoding when a coding was
 * refused, and §15.5.16 allows Accept when a media type was; every 415 here carries both, as either may be at fault.
 */
export function unsupportedMediaHeaders(stages: Pick<Stages, 'mediaTypes'>): Record<string, string> {
  return { accept: Object.values(stages.mediaTypes).join(', '), 'accept-encoding': 'identity' };
}

export function readDocument(
  input: BodyInput,
  type: DocumentType,
  ctx: { stages: Stages; bodyLimit: number },
): DocumentRead {
  const { stages } = ctx;
  const contentType = input.headers['content-type'];
  const coding = (input.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (coding !== 'identity' && coding !== '')
    return refused(
      'UNSUPPORTED_CONTENT_TYPE',
      `Content-Encoding ${coding} is not supported; send the body uncompressed.`,
    );
  const declared = stages.formatFromContentType(contentType);
  if (declared === 'unsupported')
    return refused(
      'UNSUPPORTED_CONTENT_TYPE',
      `Content-Type ${shownContentType(contentType)} is not supported; send ${Object.values(stages.mediaTypes).join(', ')}.`,
    );
  const raw = Buffer.isBuffer(input.body) ? input.body : Buffer.alloc(0);
  if (raw.length === 0)
    return refused('EMPTY_BODY', `The request body is empty; ${withArticle(type)} document is required.`);
  const format = declared ?? 'yaml';
  const parsed = stages.parse(raw, {
    format,
    ...(contentType ? { mediaType: contentType } : {}),
    maxBytes: ctx.bodyLimit,
  });
  const parseErrors = parsed.findings.filter((f) => f.level === 'error');
  if (parsed.value === undefined || parseErrors.length > 0) {
    const why = parseRefusal(parseErrors, { type, format, contentType, bodyLimit: ctx.bodyLimit });
    return refused(why.code, why.message, why.findings ? located(parsed, why.findings) : undefined);
  }
  // Line and column come from an index of the source built on the first lookup: for a body of many thousands of
  // members that build is the costliest step by far (a second for 75,000 YAML keys, the server's one thread held).
  // Such a body's findings keep their pointers only.
  const indexed = valueCountAtMost(parsed.value, LOCATED_VALUES) ? parsed : { ...parsed, locate: () => undefined };
  const result = stages.validate(indexed, { type });
  if (!result.valid) {
    const errors = result.findings.filter((f) => f.level === 'error');
    // Past the findings a result lists, its last finding counts the errors left out.
    const unlisted = result.findings.find((f) => f.ruleId === 'EBK_TOO_MANY_FINDINGS')?.params?.errorsNotListed;
    const count = errors.length + (typeof unlisted === 'number' ? unlisted : 0);
    return refused(
      'INVALID_DOCUMENT',
      `The ${type} breaks ${count} rule${count === 1 ? '' : 's'} of the standard${count > errors.length ? ` (the first ${errors.length} are listed)` : ''}.`,
      located(indexed, errors.length > 0 ? errors : result.findings),
    );
  }
  if (!isObject(parsed.value)) return refused('INVALID_DOCUMENT', `A ${type} must be a mapping.`);
  // A document wrapped as in an earlier generation ({update: {…}}) was validated as what it wraps (EB-DM-07 warns):
  // that is what is acted on, not a wrapper with no kind or path of its own.
  const wrapped = wrapperOf(parsed.value);
  return { ok: true, value: wrapped?.type === type ? wrapped.inner : parsed.value };
}

/** Values a body may hold and still have its findings placed by line and column (a request has a few hundred). */
const LOCATED_VALUES = 10_000;

/** Whether `value` holds at most `limit` values (objects, arrays and scalars, counted until past the limit). */
function valueCountAtMost(value: unknown, limit: number): boolean {
  const stack: unknown[] = [value];
  let count = 0;
  while (stack.length > 0) {
    if (++count > limit) return false;
    const v = stack.pop();
    if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (typeof v === 'object' && v !== null) for (const key in v) stack.push((v as Record<string, unknown>)[key]);
  }
  return true;
}

/** A Content-Type as a message names it: quoted when empty, so the sentence still reads. */
export function shownContentType(value: string | undefined): string {
  return value === undefined || value.trim() === '' ? '"" (empty)' : printable(value);
}

function refused(code: SpecificCode, message: string, messages?: MessageItem[]): DocumentRead {
  return messages && messages.length > 0 ? { ok: false, code, message, messages } : { ok: false, code, message };
}

/** Findings as MessageItems, with line and column looked up lazily from the parsed source. */
function located(parsed: Pick<ParsedDocument, 'locate'>, findings: Finding[]): MessageItem[] {
  return findingMessages(
    findings.map((f) => {
      if (f.line !== undefined) return f;
      const at = parsed.locate(f.pointer);
      return at ? { ...f, line: at.line, column: at.column } : f;
    }),
  );
}
