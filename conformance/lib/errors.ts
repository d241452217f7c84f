/**
 * Expectations on error documents (spec/06 §6.4), judged one way by every check: required members, status
 * agreement, the general code of the status, and the specific code.
 */
import { GENERAL_CODES } from './fixtures.js';
import { isDoc } from './doc.js';
import type { Exchange } from './evidence.js';
import { ERROR_GENERAL_CODE, ERROR_STATUS } from '../../src/model/kinds.js';

/** Specific codes the table of §6.4 lists for `status` (empty when it lists none). */
export function listedCodes(status: number): readonly string[] {
  return Object.entries(ERROR_GENERAL_CODE)
    .filter(([, general]) => (ERROR_STATUS as Record<string, number>)[general] === status)
    .map(([code]) => code);
}

/**
 * What is wrong with the `code` of an error document, if anything (EB-ERR-02, spec/06 §6.4 "Extension codes").
 * When the check names the codes of its case (`expected`), only those do: an extension code is not one of them.
 * When it names none, any listed code of the status, or an extension code, is accepted.
 */
export function codeProblem(status: number, code: unknown, expected?: readonly string[]): string | undefined {
  if (typeof code !== 'string' || code === '')
    return `the error document has no code (expected ${expected?.join(' or ') ?? `a code for ${status}`})`;
  if (expected && !expected.includes(code)) {
    const extension = !listedCodes(status).includes(code);
    return `code is ${code}${extension ? ' (an extension code)' : ''}, expected ${expected.join(' or ')}`;
  }
  return undefined;
}

/** Error-document conformance: required members, status agreement, general code, specific code. */
export function errorDocumentProblem(ex: Exchange, codes?: readonly string[]): string | undefined {
  if (ex.text.length === 0) return `no error document (empty body) with status ${ex.status}`;
  const doc = ex.value;
  if (!isDoc(doc))
    return `the body is not an error document in a known format (Content-Type ${ex.headers['content-type'] ?? 'none'})`;
  const missing = ['status', 'error', 'code', 'message'].filter((k) => doc[k] === undefined);
  if (missing.length > 0) return `the error document lacks ${missing.join(', ')}`;
  if (Number(doc['status']) !== ex.status)
    return `the error document says status ${String(doc['status'])} but HTTP says ${ex.status}`;
  const general = GENERAL_CODES[ex.status];
  if (general && doc['error'] !== general)
    return `error is ${String(doc['error'])}, expected ${general} for ${ex.status}`;
  return codeProblem(ex.status, doc['code'], codes);
}

/** What is wrong with an answer that should be a refusal: its status, then its error document. */
export function refusalProblem(
  ex: Exchange,
  statuses: readonly number[],
  codes?: readonly string[],
): string | undefined {
  if (!statuses.includes(ex.status)) {
    const code = isDoc(ex.value) && typeof ex.value['code'] === 'string' ? ` ${ex.value['code']}` : '';
    return `answered ${ex.status}${code}, expected ${statuses.join(' or ')}${codes ? ` ${codes.join(' or ')}` : ''}`;
  }
  return errorDocumentProblem(ex, codes);
}
