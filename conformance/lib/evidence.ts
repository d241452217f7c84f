/** Turning one HTTP answer into what a check sees: decoded, parsed, validated, and recorded as evidence. */
import type { Evidence, HttpResponse } from '../../src/client/index.js';
import { curlCommand } from '../../src/client/index.js';
import type { Format } from '../../src/parse/index.js';
import { detectDocumentType, validate } from '../../src/validate/index.js';
import type { ValidationResult } from '../../src/validate/index.js';
import { validateXsd } from '../../src/xml/index.js';
import type { DocumentType, Finding } from '../../src/findings.js';

/** Findings kept per exchange (the report also counts them over the run). */
const FINDINGS_PER_EXCHANGE = 20;

/** One answer as a check sees it. */
export interface Exchange {
  status: number;
  headers: Record<string, string>;
  text: string;
  url: string;
  /** Parsed value (undefined when the body is empty or unparseable). */
  value: unknown;
  format: Format | undefined;
  validation?: ValidationResult;
  /** Every finding on the body: parser, validator and (for XML) XSD. */
  findings: Finding[];
  evidence: Evidence;
  response: HttpResponse;
}

/** Builds the exchange and validates its body as `expect` (as an error document for 4xx/5xx). */
export async function toExchange(res: HttpResponse, evidence: Evidence, expect?: DocumentType): Promise<Exchange> {
  const parsed = res.parsed;
  const exchange: Exchange = {
    status: res.status,
    headers: res.headers,
    text: res.bodyText,
    url: res.url,
    value: parsed?.value,
    format: parsed?.format,
    findings: [],
    evidence,
    response: res,
  };
  // A 4xx is an error document, but for the one answer that carries a session instead: POST /direct's 400 with a
  // FAILED session (EB-HTTP-07), told by its shape, so it is not reported as an error document missing its members.
  const failedSession = res.status === 400 && expect === 'session' && detectDocumentType(parsed?.value) === 'session';
  const type: DocumentType | undefined = res.status >= 400 && !failedSession ? 'error' : expect;
  let findings: Finding[] = parsed ? [...parsed.findings] : [];
  if (parsed && parsed.value !== undefined && type !== undefined) {
    const validation = validate(parsed, { type });
    exchange.validation = validation;
    findings = [...parsed.findings, ...validation.findings];
    if (parsed.format === 'xml') findings.push(...(await validateXsd(res.bodyText).catch(() => [])));
  }
  exchange.findings = findings;
  if (findings.length > 0)
    evidence.findings = findings
      .slice(0, FINDINGS_PER_EXCHANGE)
      .map(({ ruleId, level, message, pointer }) => ({ ruleId, level, message, pointer }));
  return exchange;
}

/** Short, stable description of a finding list for messages. */
export function findingText(findings: readonly Finding[]): string {
  return findings
    .slice(0, 3)
    .map((f) => `${f.ruleId} at ${f.pointer || '/'}: ${f.message}`)
    .join('; ');
}

/** Adds a note to the last exchange recorded (or to none, when nothing was sent yet). */
export function noteOn(evidence: Evidence[], note: string): void {
  const last = evidence.at(-1);
  if (last) last.note = last.note ? `${last.note}; ${note}` : note;
}

/**
 * The evidence of a check that passed: what was asked and how it ended (status, time, failure, findings, note),
 * without headers or bodies; the curl command replays the request but names its body instead of carrying it.
 */
export function briefEvidence(e: Evidence): Evidence {
  const { method, url, headers, bodyExcerpt } = e.request;
  const curl =
    curlCommand(method, url, headers) +
    (bodyExcerpt !== undefined
      ? ' --data-binary @body.txt  # body left out of a passing check (--evidence all keeps it)'
      : '');
  const brief: Evidence = { request: { method, url, headers: {} }, curl, brief: true };
  if (e.status !== undefined) brief.status = e.status;
  if (e.durationMs !== undefined) brief.durationMs = e.durationMs;
  if (e.failure) brief.failure = e.failure;
  if (e.findings) brief.findings = e.findings;
  if (e.note !== undefined) brief.note = e.note;
  return brief;
}
