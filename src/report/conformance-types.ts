/**
 * The shape of a conformance run as the report writers read it. Declared here because `src/report`
 * must not import `conformance/`; `conformance/types.ts` builds its RunReport on these declarations.
 */
export interface ReportEvidence {
  request: { method: string; url: string; headers: Record<string, string>; bodyExcerpt?: string };
  status?: number;
  headers?: Record<string, string>;
  bodyExcerpt?: string;
  curl: string;
  durationMs?: number;
  failure?: { kind: string; message: string };
  findings?: { ruleId: string; level: string; message: string; pointer: string }[];
  note?: string;
}

export interface ReportCheck {
  id: string;
  class: string;
  level: 'MUST' | 'SHOULD';
  requirements: string[];
  title: string;
  outcome: 'pass' | 'fail' | 'warn' | 'skip' | 'error';
  message: string;
  evidence: ReportEvidence[];
  durationMs: number;
}

export interface ReportSummary {
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
  errors: number;
  total: number;
  mustTotal: number;
  mustPassed: number;
  mustNotRun: number;
}

export interface ConformanceReport {
  target: string;
  startedAt: string;
  durationMs: number;
  summary: ReportSummary;
  byClass: Record<string, ReportSummary>;
  checks: ReportCheck[];
  leftovers: { url: string; phase?: string; reason: string }[];
  deadlineHit: boolean;
}
