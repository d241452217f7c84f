/**
 * The one shape every problem takes, from the parser, the schema, the rules,
 * `compare` and the conformance checks. Plain JSON: no classes cross module
 * boundaries (STYLE.md item 13).
 */
import type { ToolkitErrorCode } from './errors.js';
import { LEVEL_RANK, type Level } from './model/level.js';
import type { RequirementId } from './model/requirements.js';

export type { Level };

/** What a finding shows broken: a requirement of spec/requirements.yaml, or the toolkit's own EBK_* code. */
export type RuleId = RequirementId | ToolkitErrorCode;

export interface Finding {
  /** Requirement ID from spec/requirements.yaml (e.g. "EB-OFF-01"), or an EBK_* toolkit code. */
  ruleId: RuleId;
  level: Level;
  /** One sentence: what was found and what was expected. */
  message: string;
  /** JSON Pointer into the document ("" for the root). */
  pointer: string;
  /** 1-based, in the source text; absent when no source text exists. */
  line?: number;
  column?: number;
  /** Section of the standard (from the requirement register). */
  specRef?: string;
  /** Machine-readable details (e.g. the missing member's name). */
  params?: Record<string, unknown>;
  /** Slug of the rule that produced the finding, when a rule did. */
  rule?: string;
}

/** Document types the toolkit knows. */
export const DOCUMENT_TYPES = ['request', 'offerset', 'session', 'update', 'error'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}

/** Orders findings by severity, then position, for stable reports. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.pointer.localeCompare(b.pointer) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/**
 * One HTTP exchange as a report shows it: the request, the answer, how to replay it (credentials redacted).
 * The client records it and the conformance report prints it, so it lives here, below both.
 */
export interface Evidence {
  request: { method: string; url: string; headers: Record<string, string>; bodyExcerpt?: string };
  status?: number;
  headers?: Record<string, string>;
  bodyExcerpt?: string;
  curl: string;
  durationMs?: number;
  failure?: { kind: string; message: string };
  /** Validator findings on the body, or notes added by a check. */
  findings?: { ruleId: string; level: string; message: string; pointer: string }[];
  note?: string;
  /**
   * Set when the headers and bodies were left out: a check that passed keeps only what was asked and how it
   * ended (`ebkit conformance --evidence all` keeps everything).
   */
  brief?: true;
}
