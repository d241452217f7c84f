/** The error document (ARCHITECTURE.md "Error document"): one general code per status, a specific code, a sentence. */
import type { Finding } from '../findings.js';
import { ERROR_STATUS } from '../model/kinds.js';
import type { MessageItem } from './messages.js';

/** General error code per HTTP status, from the schema's own table (src/model/kinds.ts). */
export const GENERAL_CODES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code]),
);

export type SpecificCode =
  | 'MALFORMED_BODY' | 'EMPTY_BODY' | 'BAD_REQUEST' | 'INVALID_DOCUMENT' | 'UNKNOWN_OFFERSET' | 'UNKNOWN_SESSION' | 'UNKNOWN_PATH'
  | 'METHOD_NOT_ALLOWED' | 'NO_ACCEPTABLE_FORMAT' | 'UPDATE_NOT_OFFERED' | 'OFFER_EXPIRED' | 'OFFER_WITHDRAWN'
  | 'BODY_TOO_LARGE' | 'UNSUPPORTED_CONTENT_TYPE' | 'UNAUTHENTICATED' | 'INTERNAL_ERROR';

export interface ErrorInit {
  status: number;
  code: SpecificCode;
  message: string;
  path?: string;
  messages?: MessageItem[];
}

/** Replaceable builder (a mutant may drop fields). */
export type ErrorDocumentBuilder = (init: ErrorInit) => Record<string, unknown>;

export const buildErrorDocument: ErrorDocumentBuilder = (init) => {
  const doc: Record<string, unknown> = {
    status: init.status,
    error: GENERAL_CODES[init.status] ?? 'INTERNAL_ERROR',
    code: init.code,
    message: init.message,
  };
  if (init.path !== undefined) doc.path = init.path;
  if (init.messages && init.messages.length > 0) doc.messages = init.messages;
  return doc;
};

const LEVELS = { error: 'ERROR', warning: 'WARN', info: 'INFO' } as const;

/** One MessageItem per finding, with where it is (pointer, line, column) in `values` (all strings). */
export function findingMessages(findings: Finding[], limit = 100): MessageItem[] {
  return findings.slice(0, limit).map((f) => {
    const values: Record<string, string> = { pointer: f.pointer };
    if (f.line !== undefined) values.line = String(f.line);
    if (f.column !== undefined) values.column = String(f.column);
    return { kind: `urn:ebkit:finding:${f.ruleId}`, level: LEVELS[f.level], values, message: f.message };
  });
}
