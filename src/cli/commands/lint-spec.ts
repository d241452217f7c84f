import { resolve } from 'node:path';
import { Option } from 'commander';
import type { Finding } from '../../findings.js';
import { isObject, printable } from '../../util/index.js';
import { parse } from '../../parse/index.js';
import { readNamedInput } from '../read-input.js';
import type { CliIO } from '../io.js';
import { type FileReport, writeJson, writeSarif, writeText } from '../../report/index.js';
import { lintSpec } from '../../spec-tools/lint-spec.js';
import { packageRoot } from '../../spec-tools/paths.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../io.js';

/** The largest OpenAPI file read (the working group's is about 100 KB). */
const MAX_OPENAPI_BYTES = 10 * 1024 * 1024;

/**
 * Why `name` cannot be linted as an OpenAPI document, or undefined: it cannot be read (missing, a directory, no
 * permission, too large), or it is not an OpenAPI 3 document (no `openapi: 3.x` member). Without this, a file that
 * is no OpenAPI had "no findings".
 */
async function openApiProblem(name: string, io: CliIO): Promise<string | undefined> {
  // The tree is linted from its files (its $refs are resolved next to it): standard input has no place in it.
  if (name === '-') return '--openapi - (standard input) cannot be linted: give the path of the OpenAPI file';
  const read = await readNamedInput(name, io, MAX_OPENAPI_BYTES, { noun: 'OpenAPI document' });
  if (!read.ok) return read.message;
  const doc = parse(read.bytes, { filename: name });
  // Only a file that cannot be read as a document at all is refused here. What the toolkit's document parser
  // refuses in a broker's documents (a `constructor` key, a number past 2^53, deep nesting) is legal in a schema,
  // and lint-spec judges the tree itself.
  if (doc.value === undefined) {
    const bad = doc.findings.find((f) => f.level === 'error');
    return `${printable(name)}: ${bad ? `${bad.message} (${bad.ruleId})` : 'it holds no document'}`;
  }
  const version = isObject(doc.value) ? doc.value.openapi : undefined;
  // YAML reads an unquoted `openapi: 3.0` as the number 3, which OpenAPI does not allow (the field is a string, and
  // 3.0 and 3.1 differ): said so, rather than "not an OpenAPI 3 document" or a silent pass.
  if (typeof version === 'number' && Math.floor(version) === 3)
    return `${printable(name)}: "openapi" is the number ${version}, not a string: quote it (openapi: "3.1.0") (EBK_UNKNOWN_TYPE)`;
  return typeof version === 'string' && /^3\./.test(version)
    ? undefined
    : `${printable(name)} is not an OpenAPI 3 document: it has no "openapi: 3.x" member (EBK_UNKNOWN_TYPE)`;
}

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
        'check the specification tree (register and citations, examples, JSON Schema/XSD/OpenAPI agreement, patterns, discriminators, redocly), or another OpenAPI tree',
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
        for (const name of opts.openapi) {
          const problem = await openApiProblem(name, io);
          if (problem) {
            io.stderr(`ebkit lint-spec: ${problem}\n`);
            done(EXIT.USAGE);
            return;
          }
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
