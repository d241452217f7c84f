import { TOOLKIT_VERSION } from '../../version.js';
import type { RunReport } from './types.js';
import { exitCodeOf, notJudged } from './summary.js';

/** The machine-readable report: the run as it is, plus the exit code and what could not be judged. */
export function writeJsonReport(report: RunReport): string {
  return `${JSON.stringify({ tool: 'ebkit', version: TOOLKIT_VERSION, ...report, exitCode: exitCodeOf(report), notJudged: notJudged(report) }, null, 2)}\n`;
}
