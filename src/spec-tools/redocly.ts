import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { Finding } from '../findings.js';
import { packageRoot } from './paths.js';
import { specFinding } from './finding.js';
import { isObject } from '../util/index.js';

/** Runs `redocly lint` (pinned @redocly/cli) on one OpenAPI file and turns its problems into findings. */
export interface RedoclyResult {
  findings: Finding[];
  errors: number;
  warnings: number;
}

interface RedoclyProblem {
  ruleId?: string;
  severity?: string;
  message?: string;
  location?: { pointer?: string; source?: { ref?: string }; start?: { line?: number; col?: number } }[];
}

interface RedoclyReport {
  totals?: { errors?: number; warnings?: number };
  problems?: RedoclyProblem[];
}

/** The JSON report redocly prints after any banner, in the shape of the version we pin; undefined when there is none. */
function readReport(stdout: string): RedoclyReport | undefined {
  const start = stdout.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(stdout.slice(start));
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const require = createRequire(import.meta.url);

/** The pinned redocly CLI script, or undefined when the optional dependency is not installed. */
export function redoclyBin(): string | undefined {
  try {
    return resolve(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');
  } catch {
    return undefined;
  }
}

/** How to get redocly when it is missing (an install with --omit=optional). */
export const REDOCLY_INSTALL_HINT =
  'install it with `npm install @redocly/cli@2.77.0` (an optional dependency of execution-broker-toolkit)';

/** Project-root redocly.yaml, used for our tree and, by default, for foreign trees too. */
export const DEFAULT_REDOCLY_CONFIG = resolve(packageRoot(), 'redocly.yaml');

export function redoclyLint(file: string, opts: { config?: string; timeoutMs?: number } = {}): Promise<RedoclyResult> {
  const config = opts.config ?? DEFAULT_REDOCLY_CONFIG;
  const bin = redoclyBin();
  if (bin === undefined) {
    // The other lint-spec checks still run; the skipped one is named, as a warning (not a pass, not a failure).
    const message = `redocly lint skipped on ${file}: @redocly/cli is not installed; ${REDOCLY_INSTALL_HINT}`;
    return Promise.resolve({
      findings: [
        specFinding({ ruleId: 'EBK_OPTIONAL_MISSING', lower: 'warning', message, pointer: '', params: { file } }),
      ],
      errors: 0,
      warnings: 1,
    });
  }
  // An installed package ships no redocly.yaml: redocly then uses its recommended rules.
  const args = [bin, 'lint', '--format=json', ...(existsSync(config) ? [`--config=${config}`] : []), file];
  return new Promise((done) => {
    execFile(
      process.execPath,
      args,
      // Telemetry makes every offline call hang for seconds (PACKAGES.md).
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
        timeout: opts.timeoutMs ?? 60_000,
        maxBuffer: 32 << 20,
      },
      (err, stdout, stderr) => {
        const report = readReport(stdout);
        if (!report) {
          const why = err ? err.message.split('\n')[0] : 'no JSON report';
          const detail = stderr
            .split('\n')
            .filter((l) => /error/i.test(l))
            .slice(0, 3)
            .join(' ');
          done({
            findings: [
              specFinding({
                ruleId: 'EB-HTTP-18',
                message: `redocly lint did not run on ${file}: ${why} ${detail}`.trim(),
                pointer: '',
              }),
            ],
            errors: 1,
            warnings: 0,
          });
          return;
        }
        const findings: Finding[] = (report.problems ?? []).map((p) => {
          const loc = p.location?.[0];
          // redocly's own severity lowers the requirement's level (a redocly warning is not an error).
          const f = specFinding({
            ruleId: 'EB-HTTP-18',
            lower: p.severity === 'error' ? 'error' : p.severity === 'warn' ? 'warning' : 'info',
            message: `redocly ${p.ruleId ?? 'lint'}: ${p.message ?? 'problem'}`,
            pointer: loc?.pointer?.replace(/^#/, '') ?? '',
            rule: `redocly/${p.ruleId ?? 'lint'}`,
            params: { file: loc?.source?.ref ?? file },
          });
          if (loc?.start?.line) f.line = loc.start.line;
          if (loc?.start?.col) f.column = loc.start.col;
          return f;
        });
        done({ findings, errors: report.totals?.errors ?? 0, warnings: report.totals?.warnings ?? 0 });
      },
    );
  });
}
