/**
 * Expectations on error documents (spec/06 §6.4), judged one way by every check: required members, status
 * agreement, the general code of the status, and the specific code.
 */
import { GENERAL_CODES } from './fixtures.js';
import { isDoc } from './doc.js';
import type { Exchange } from './evidence.js';
import { ERROR_GENERAL_CODE, ERROR_STATUS } from '../../src/model/kinds.js';
import { toText } from '../../src/util/index.js';
import { parse, type Format } from '../../src/parse/index.js';

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

/**
 * The format a body reads as when its label is set aside, for naming a mislabelled one: JSON first (JSON text is
 * YAML too), XML when it starts as XML, else YAML; only a mapping counts (YAML reads most text as a string).
 */
function readsAs(text: string, labelled: string | undefined): Format | undefined {
  const start = text.trimStart();
  if (start === '') return undefined;
  // Broken JSON (a trailing comma, bare keys) under a JSON label reads as YAML flow: the label is right, the body is
  // not, so it is not offered as another format.
  const jsonLike = start.startsWith('{') || start.startsWith('[');
  if (jsonLike && /json/i.test(labelled ?? '')) return undefined;
  const order: Format[] = start.startsWith('<') ? ['xml'] : ['json', 'yaml'];
  return order.find((format) => {
    const read = parse(text, { format });
    return isDoc(read.value) && read.findings.every((f) => f.level !== 'error');
  });
}

/**
 * One thing wrong with a refusal. `requirement` is set when the problem breaks a requirement of its own, which
 * only a check citing it judges (a missing error document or member, EB-ERR-01; a status or general code that
 * disagrees with HTTP, EB-ERR-02); without it, the problem is the status or the specific code the check's case
 * names, which is the check's own to judge.
 */
export interface RefusalIssue {
  message: string;
  requirement?: 'EB-ERR-01' | 'EB-ERR-02';
}

/**
 * Everything wrong with an error document, in order. When the check names the codes of its case, a missing
 * document or code hides that code, so that is the check's own problem; otherwise it is EB-ERR-01's.
 */
export function errorDocumentIssues(ex: Exchange, codes?: readonly string[]): RefusalIssue[] {
  const own = codes !== undefined;
  const absent = (message: string): RefusalIssue[] =>
    own ? [{ message: `${message}, so no code ${codes.join(' or ')}` }] : [{ message, requirement: 'EB-ERR-01' }];
  if (ex.text.length === 0) return absent(`no error document (empty body) with status ${ex.status}`);
  const doc = ex.value;
  if (!isDoc(doc)) {
    const label = ex.headers['content-type'] ?? 'none';
    const real = readsAs(ex.text, ex.headers['content-type']);
    return absent(
      real !== undefined && real !== ex.format
        ? `the body is not an error document as its Content-Type (${label}) reads it: it reads as ${real.toUpperCase()}, so the label names another media type than the body sent (EB-HTTP-14)`
        : `the body is not an error document in a known format (Content-Type ${label})`,
    );
  }
  const issues: RefusalIssue[] = [];
  const missing = ['status', 'error', 'message'].filter((k) => doc[k] === undefined);
  if (missing.length > 0)
    issues.push({ message: `the error document lacks ${missing.join(', ')}`, requirement: 'EB-ERR-01' });
  if (doc['status'] !== undefined && Number(doc['status']) !== ex.status)
    issues.push({
      message: `the error document says status ${toText(doc['status'])} but HTTP says ${ex.status}`,
      requirement: 'EB-ERR-02',
    });
  const general = GENERAL_CODES[ex.status];
  if (general && doc['error'] !== undefined && doc['error'] !== general)
    issues.push({
      message: `error is ${toText(doc['error'])}, expected ${general} for ${ex.status}`,
      requirement: 'EB-ERR-02',
    });
  const code = codeProblem(ex.status, doc['code'], codes);
  if (code) issues.push(own ? { message: code } : { message: code, requirement: 'EB-ERR-01' });
  return issues;
}

/** Everything wrong with an answer that should be a refusal: its status, else its error document. */
export function refusalIssues(ex: Exchange, statuses: readonly number[], codes?: readonly string[]): RefusalIssue[] {
  if (!statuses.includes(ex.status)) {
    const code = isDoc(ex.value) && typeof ex.value['code'] === 'string' ? ` ${ex.value['code']}` : '';
    return [
      {
        message: `answered ${ex.status}${code}, expected ${statuses.join(' or ')}${codes ? ` ${codes.join(' or ')}` : ''}`,
      },
    ];
  }
  return errorDocumentIssues(ex, codes);
}

/** Error-document conformance as one message: the first problem found, whoever judges it. */
export function errorDocumentProblem(ex: Exchange, codes?: readonly string[]): string | undefined {
  return errorDocumentIssues(ex, codes)[0]?.message;
}

/** What is wrong with an answer that should be a refusal, as one message: its status, then its error document. */
export function refusalProblem(
  ex: Exchange,
  statuses: readonly number[],
  codes?: readonly string[],
): string | undefined {
  return refusalIssues(ex, statuses, codes)[0]?.message;
}
