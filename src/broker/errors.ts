/** The error document (ARCHITECTURE.md "Error document"): one general code per status, a specific code, a sentence. */
import type { Finding } from '../findings.js';
import { GENERAL_CODE_OF_STATUS, errorClassOf, type SpecificErrorCode } from '../model/index.js';
import type { MessageItem } from './messages.js';
import { printable } from '../util/index.js';

export type SpecificCode = SpecificErrorCode;

export interface ErrorInit {
  status: number;
  code: SpecificCode;
  message: string;
  path?: string;
  messages?: MessageItem[];
}

/** The error to answer for a specific code: its HTTP status comes from the model (code → general code → status). */
export function errorInit(
  code: SpecificCode,
  message: string,
  extra: Pick<ErrorInit, 'path' | 'messages'> = {},
): ErrorInit {
  // A message may quote the request (a path, a header): controls and bidi overrides are shown escaped, not sent on.
  return { status: errorClassOf(code).status, code, message: printable(message), ...extra };
}

/** Replaceable builder (a mutant may drop fields). */
export type ErrorDocumentBuilder = (init: ErrorInit) => Record<string, unknown>;

export const buildErrorDocument: ErrorDocumentBuilder = (init) => {
  const doc: Record<string, unknown> = {
    status: init.status,
    error: GENERAL_CODE_OF_STATUS[init.status] ?? 'INTERNAL_ERROR',
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
