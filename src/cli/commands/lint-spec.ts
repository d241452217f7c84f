import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import type { Finding } from '../../findings.js';
import { printable } from '../../util/index.js';
import { type FileReport, writeJson, writeSarif, writeText } from '../../report/index.js';
import { lintSpec } from '../../spec-tools/lint-spec.js';
import { packageRoot } from '../../spec-tools/paths.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../io.js';

/** Groups findings by the file they are about, as the report writers expect. */
export function fileReports(findings: readonly Finding[], fallback: string): FileReport[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const file = typeof f.params?.['file'] === 'string' ? f.params['file'] : fallback;
    byFile.set(file, [...(byFile.get(file) ?? []), f]);
  }
  return [...byFile].map(([path, list]) => ({ path, valid: !list.some((f) => f.level === 'error'), findings: list }));
}

export const command: CommandModule = {
  register(program, io, done) {
    program
      .command('lint-spec')
      .description(
        'check the specification tree (examples, JSON Schema/XSD/OpenAPI agreement, patterns, discriminators, redocly), or another OpenAPI tree',
      )
      .option(
        '--openapi <file>',
        'lint this OpenAPI tree instead of ours (repeatable)',
        (v: string, prev: string[]) => [...prev, v],
        [] as string[],
      )
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
      .option('--no-redocly', 'skip the redocly lint run')
      .action(async (opts: { openapi: string[]; format: 'text' | 'json' | 'sarif'; redocly: boolean }) => {
        const files = opts.openapi.map((f) => resolve(io.cwd, f));
        const missing = files.find((f) => !existsSync(f));
        if (missing) {
          io.stderr(`ebkit lint-spec: EBK_READ_FAILED: cannot read ${printable(missing)}\n`);
          done(EXIT.USAGE);
          return;
        }
        const root = packageRoot();
        const result = await lintSpec({ rootDir: root, openapi: files, skipRedocly: !opts.redocly });
        const reports = fileReports(result.findings, files[0] ?? root);
        const nl = (t: string): string => (t.endsWith('\n') ? t : `${t}\n`);
        if (opts.format === 'json') io.stdout(nl(writeJson(reports)));
        else if (opts.format === 'sarif') io.stdout(nl(writeSarif(reports)));
        else {
          // Without a finding, the validator's summary would read "0 files: 0 valid" of a tree that passed.
          if (reports.length > 0) io.stdout(writeText(reports, { color: io.isTTY && !io.env['NO_COLOR'] }));
          else io.stdout('no findings\n');
          io.stdout(`checks: ${result.checks.join(', ') || 'none (the tree could not be read)'}\n`);
        }
        done(result.summary.errors > 0 ? EXIT.FINDINGS : EXIT.OK);
      });
  },
};
