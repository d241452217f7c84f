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
}

export const defaultStages: Stages = {
  parse,
  validate: (doc, opts) => validate(doc, opts),
  serialize,
  negotiateResponseFormat,
  formatFromContentType,
  mediaTypes: MEDIA_TYPES,
};
