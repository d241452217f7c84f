import type { Evidence } from '../src/client/index.js';
import type { CheckContext } from './lib/context.js';

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

export interface Summary {
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
  errors: number;
  total: number;
  mustTotal: number;
  mustPassed: number;
  /** MUST checks that errored or were skipped: never counted as passed. */
  mustNotRun: number;
}

/** A session the run created but could not leave in a final phase. */
export interface Leftover {
  url: string;
  phase?: string;
  reason: string;
}

export interface RunReport {
  target: string;
  startedAt: string;
  durationMs: number;
  summary: Summary;
  byClass: Record<string, Summary>;
  checks: CheckResult[];
  leftovers: Leftover[];
  /** True when the whole-run deadline stopped the run. */
  deadlineHit: boolean;
}
