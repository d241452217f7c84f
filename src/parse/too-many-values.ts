import type { Finding } from '../findings.js';
import { parseFinding } from './finding.js';

/** The finding for a document of more values than `limit` (EBK_TOO_LARGE), at the first value past it when known. */
export function tooManyValues(limit: number, at?: { line: number; column: number }): Finding {
  return parseFinding(
    'EBK_TOO_LARGE',
    `The document holds more than ${limit} values (mappings, lists and scalars; elements in XML), far more than an ExecutionBroker document needs; it was not checked.`,
    '',
    at,
    'error',
    { maxValues: limit },
  );
}
