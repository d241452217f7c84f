import { TOOLKIT_VERSION } from '../../version.js';
import type { RunReport } from './types.js';
import { exitCodeOf, notJudged, type ConformanceExitCode, type NotJudged } from './summary.js';

/**
 * The machine-readable report (`--report FILE`, `--format json`): the run as it is, plus the exit code and what could
 * not be judged. `schema/report/conformance-report.schema.json` is generated from this type (npm run
 * gen:report-schema), so a CI step that reads the report can validate it.
 */
export interface JsonReport extends RunReport {
  tool: 'ebkit';
  /** The toolkit's version that wrote the report. */
  version: string;
  exitCode: ConformanceExitCode;
  notJudged: NotJudged[];
}

export function writeJsonReport(report: RunReport): string {
  const json: JsonReport = {
    tool: 'ebkit',
    version: TOOLKIT_VERSION,
    ...report,
    exitCode: exitCodeOf(report),
    notJudged: notJudged(report),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
