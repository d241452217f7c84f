/** The report flags of `ebkit conformance` a test asks for, each file named as the tests name it (r.json, r.xml…). */
export const REPORT_FILES = {
  report: 'r.json',
  junit: 'r.xml',
  html: 'r.html',
  badge: 'b.svg',
  'badge-json': 'b.json',
} as const;

export type ReportKind = keyof typeof REPORT_FILES;

/** `--report r.json --junit r.xml …` for the kinds given (all by default), in that order. */
export function reportFlags(kinds: readonly ReportKind[] = Object.keys(REPORT_FILES) as ReportKind[]): string[] {
  return kinds.flatMap((k) => [`--${k}`, REPORT_FILES[k]]);
}
