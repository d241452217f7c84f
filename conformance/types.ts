import type { Evidence } from '../src/client/index.js';
import type { CheckContext } from './lib/context.js';
import type { ConformanceReport, ReportSummary } from '../src/report/conformance-types.js';

export const CHECK_CLASSES = ['vosi', 'negotiation', 'core', 'lifecycle', 'expiry', 'errors'] as const;
export type CheckClass = (typeof CHECK_CLASSES)[number];
export const OUTCOMES = ['pass', 'fail', 'warn', 'skip', 'error'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type CheckLevel = 'MUST' | 'SHOULD';

/** What a check decides; `message` always says why (a skip names the missing precondition). */
export interface Verdict {
  outcome: Outcome;
  message: string;
}

/** One conformance check: a value, one per file under conformance/checks/<class>/. */
export interface Check {
  id: string;
  class: CheckClass;
  level: CheckLevel;
  /** IDs from spec/requirements.yaml. */
  requirements: string[];
  title: string;
  /** Waits for real time to pass (offer expiry); left out by --skip-slow. */
  slow?: boolean;
  run(ctx: CheckContext): Promise<Verdict>;
}

export interface CheckResult {
  id: string;
  class: CheckClass;
  level: CheckLevel;
  requirements: string[];
  title: string;
  outcome: Outcome;
  message: string;
  evidence: Evidence[];
  durationMs: number;
}

/** Counts per outcome; `mustNotRun` counts MUST checks that errored or were skipped (never counted as passed). */
export type Summary = ReportSummary;

/** A session the run created but could not leave in a final phase. */
export type Leftover = ConformanceReport['leftovers'][number];

/** The whole run; the report writers in src/report read it through the same declaration. */
export interface RunReport extends Omit<ConformanceReport, 'checks'> {
  checks: CheckResult[];
}
