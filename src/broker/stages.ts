/**
 * The pipeline stages the broker uses (parse, validate, serialize, negotiation), gathered behind one
 * interface so a mutant can replace any of them and the HTTP layer reaches them through one object.
 */
import type { DocumentType, Finding } from '../findings.js';
import { parse, type ParsedDocument, type ParseOptions } from '../parse/index.js';
import { validate } from '../validate/index.js';
import {
  serialize,
  negotiateResponseFormat,
  responseMediaType,
  formatFromContentType,
  MEDIA_TYPES,
  type Format,
} from '../serialize/index.js';

export type { Format, ParsedDocument };

export interface Stages {
  parse(input: Uint8Array, opts: ParseOptions): ParsedDocument;
  validate(doc: ParsedDocument, opts: { type: DocumentType }): { valid: boolean; findings: Finding[] };
  serialize(value: unknown, format: Format, docType: DocumentType): string;
  negotiateResponseFormat(accept: string | undefined): Format | undefined;
  formatFromContentType(contentType: string | undefined): Format | undefined | 'unsupported';
  mediaTypes: Record<Format, string>;
  /** The label for an answer in `format` when Accept asked for another name of it (text/yaml…); else undefined. */
  responseMediaType?(accept: string | undefined, format: Format): string | undefined;
}

/** The Content-Type of an answer in `format` to a request with this Accept. */
export function answerMediaType(stages: Stages, accept: string | undefined, format: Format): string {
  return stages.responseMediaType?.(accept, format) ?? stages.mediaTypes[format];
}

/**
 * A pure function of one header value, remembered: clients send the same few Accept and Content-Type values
 * on every request, and parsing Accept cost ~2% of a POST /requests. Bounded, since header text is the
 * client's (at most `max` values of at most 256 characters; on overflow the memo starts again).
 */
export function memoByHeader<T>(fn: (header: string | undefined) => T, max = 64): (header: string | undefined) => T {
  const memo = new Map<string | undefined, T>();
  return (header) => {
    if (header !== undefined && header.length > 256) return fn(header);
    const hit = memo.get(header);
    if (hit !== undefined || memo.has(header)) return hit as T;
    const value = fn(header);
    if (memo.size >= max) memo.clear();
    memo.set(header, value);
    return value;
  };
}

const labelsByAccept = memoByHeader((accept): Record<Format, string | undefined> => ({
  yaml: responseMediaType(accept, 'yaml'),
  json: responseMediaType(accept, 'json'),
  xml: responseMediaType(accept, 'xml'),
}));

export const defaultStages: Stages = {
  parse,
  validate: (doc, opts) => validate(doc, opts),
  serialize,
  negotiateResponseFormat: memoByHeader(negotiateResponseFormat),
  formatFromContentType: memoByHeader(formatFromContentType),
  mediaTypes: MEDIA_TYPES,
  responseMediaType: (accept, format) => labelsByAccept(accept)[format],
};
