import { TOOLKIT_VERSION } from '../version.js';
import { summarize, type FileReport } from './types.js';

/** The machine-readable report: `{tool, version, files: [...], summary}`. */
export function writeJson(files: readonly FileReport[]): string {
  const s = summarize(files);
  return (
    JSON.stringify(
      {
        tool: 'ebkit',
        version: TOOLKIT_VERSION,
        files: files.map((f) => ({
          path: f.path,
          format: f.format ?? null,
          type: f.type ?? null,
          valid: f.valid,
          findings: f.findings,
        })),
        summary: { files: s.files, valid: s.valid, errors: s.errors, warnings: s.warnings },
      },
      null,
      2,
    ) + '\n'
  );
}
