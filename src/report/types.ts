import type { DocumentType, Finding } from '../findings.js';

/** One checked file, as every writer receives it (the CLI builds these from validation results). */
export interface FileReport {
  /** As the user named it (relative paths stay relative); '-' for standard input. */
  path: string;
  format?: 'json' | 'yaml' | 'xml' | undefined;
  type?: DocumentType | undefined;
  valid: boolean;
  findings: Finding[];
}

export interface ReportSummary {
  files: number;
  valid: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(files: readonly FileReport[]): ReportSummary {
  const s: ReportSummary = { files: files.length, valid: 0, errors: 0, warnings: 0, infos: 0 };
  for (const f of files) {
    if (f.valid) s.valid++;
    for (const x of f.findings) {
      if (x.level === 'error') s.errors++;
      else if (x.level === 'warning') s.warnings++;
      else s.infos++;
    }
  }
  return s;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
