import type { Evidence } from '../../findings.js';
/**
 * The conformance report: one contract for the runner (`conformance/`), the CLI and every writer here.
 * `src/report` may not import `src/client` or `conformance/` (ARCHITECTURE.md), so the shapes are declared here
 * and the producers' types are checked against them structurally.
 */

export const CHECK_CLASSES = ['vosi', 'negotiation', 'core', 'lifecycle', 'expiry', 'errors'] as const;
export type CheckClass = (typeof CHECK_CLASSES)[number];

/**
 * What a check concluded. `na`: the requirement does not apply to this broker (it made one offer, so there are no
 * siblings); `skip`: it applies but could not be judged (a precondition, named in the message); `info`: only a MAY
 * requirement was at stake.
 */
export const OUTCOMES = ['pass', 'fail', 'warn', 'info', 'na', 'skip', 'error'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The levels of the requirement register (spec/requirements.yaml). */
export type CheckLevel = 'MUST' | 'SHOULD' | 'MAY';

export type { Evidence } from '../../findings.js';

/** Which checks keep their evidence in full: only those that did not pass (the default), or all. */
export const EVIDENCE_MODES = ['failing', 'all'] as const;
export type EvidenceMode = (typeof EVIDENCE_MODES)[number];

export interface CheckResult {
  id: string;
  class: CheckClass;
  /** The strongest level among the check's requirements, read from the register. */
  level: CheckLevel;
  requirements: string[];
  title: string;
  outcome: Outcome;
  message: string;
  /** The requirement found broken (fail, warn, info) and its level: what the report prints. */
  broken?: { requirement: string; level: CheckLevel };
  evidence: Evidence[];
  durationMs: number;
}

/** A session the run created but could not leave in a final phase. */
export interface Leftover {
  url: string;
  phase?: string;
  reason: string;
}

/**
 * Validator findings on the broker's bodies over the whole run: SHOULD-level ones (warnings) that no check
 * fails on, and errors, each of which at most the check listing its requirement judges.
 */
export interface BodyFindings {
  errors: number;
  warnings: number;
  infos: number;
  /** ruleId → count, most frequent first. */
  byRule: { ruleId: string; level: string; count: number; example: string }[];
}

export interface Summary {
  passed: number;
  failed: number;
  warned: number;
  info: number;
  notApplicable: number;
  skipped: number;
  errors: number;
  total: number;
  /** Checks whose requirements include a MUST. */
  mustTotal: number;
  /** MUST checks that passed, warned on a SHOULD part, or do not apply. */
  mustPassed: number;
  /** MUST checks that failed on a MUST requirement. */
  mustFailed: number;
  /** MUST checks that errored or skipped: not judged, never counted as passed. */
  mustNotRun: number;
}

export interface RunReport {
  target: string;
  startedAt: string;
  durationMs: number;
  /** The classes the run selected (a partial run claims only these). */
  classes: CheckClass[];
  /** Whether the slow (expiry) class was left out. */
  skipSlow: boolean;
  summary: Summary;
  byClass: Record<string, Summary>;
  checks: CheckResult[];
  leftovers: Leftover[];
  /** Sessions the run created (each settled or listed in leftovers). */
  sessionsCreated: number;
  bodyFindings: BodyFindings;
  deadlineHit: boolean;
  /** Set when the run was stopped from outside (Ctrl-C) before every check had run. */
  interrupted?: true;
  /**
   * Set when no check could run at all: the broker could not be reached, the target is not an http(s) URL, or the
   * selection holds no check. Every check is then an `error` saying so, and the exit code is 2.
   */
  notStarted?: { kind: NotStartedKind; reason: string };
}

/** Why a run did not start. */
export type NotStartedKind = 'unreachable' | 'bad-target' | 'no-checks';
