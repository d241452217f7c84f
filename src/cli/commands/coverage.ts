import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../package-root.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../io.js';
import { readRegister } from '../../spec-tools/register.js';
import {
  buildCoverage,
  coverageMarkdown,
  coverageText,
  loadMutants,
  loadProviders,
  scanEmittedIds,
  type Coverage,
} from '../../spec-tools/coverage.js';
import { printable } from '../../util/index.js';
import { readFailure } from '../read-input.js';

/** Where rules and checks live, relative to this file (same layout under src/ and dist/). */
const RULES_DIR = new URL('../../validate/rules/', import.meta.url);
const CHECKS_DIR = new URL('../../../conformance/checks/', import.meta.url);
const MUTANTS_DIR = new URL('../../../conformance/mutants/', import.meta.url);
const SPEC_TOOLS_DIR = new URL('../../spec-tools/', import.meta.url);
const VALIDATE_DIR = new URL('../../validate/', import.meta.url);
const COMPOSE_DIR = new URL('../../compose/', import.meta.url);
/** The register ships with the package (package.json "files": spec). */
const DEFAULT_REGISTER = pathToFileURL(resolve(packageRoot(), 'spec/requirements.yaml'));

interface CoverageOptions {
  format: string;
  register?: string;
  failUncovered?: boolean;
}

/** Computes the matrix from the files on disk; problems become text, never a throw. */
export async function computeCoverage(registerPath?: string): Promise<{ coverage?: Coverage; problems: string[] }> {
  let text: string;
  const path = registerPath ?? DEFAULT_REGISTER;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return {
      problems: [`cannot read the requirement register ${printable(String(path))}: ${printable(readFailure(err))}`],
    };
  }
  const register = readRegister(text, registerPath === undefined ? undefined : basename(registerPath));
  if (register.entries.length === 0)
    return { problems: register.problems.length ? register.problems : ['the register is empty'] };
  const rules = await loadProviders(RULES_DIR);
  const checks = await loadProviders(CHECKS_DIR);
  // A check covers a requirement only when a mutant shows it can fail on it.
  const { errors: mutantErrors, ...proof } = await loadMutants(MUTANTS_DIR);
  // Top-level validator modules (schema stage, compare) and the spec linters emit fixed IDs.
  const lints = [
    ...(await scanEmittedIds(VALIDATE_DIR, 'validator:', ['index'])),
    ...(await scanEmittedIds(SPEC_TOOLS_DIR, 'lint:', ['coverage'])),
    ...(await scanEmittedIds(COMPOSE_DIR, 'compose:', [])),
  ];
  const coverage = buildCoverage(register.entries, { rules: rules.providers, checks: checks.providers, lints, proof }, [
    ...rules.errors,
    ...checks.errors,
    ...mutantErrors,
  ]);
  return { coverage, problems: register.problems };
}

export const command: CommandModule = {
  register(program, io, done) {
    program
      .command('coverage')
      .description('print which validator rules and conformance checks test each requirement')
      .option('-f, --format <format>', 'text | markdown | json', 'text')
      .option('--register <file>', 'requirement register to read (default: the packaged spec/requirements.yaml)')
      .option(
        '--fail-uncovered',
        'exit 1 when a MUST requirement has neither a rule nor a check and is not marked untestable',
      )
      .action(async (opts: CoverageOptions) => {
        if (!['text', 'markdown', 'json'].includes(opts.format)) {
          io.stderr(`ebkit coverage: unknown --format "${opts.format}" (expected text, markdown or json)\n`);
          return done(EXIT.USAGE);
        }
        const { coverage, problems } = await computeCoverage(
          opts.register ? resolve(io.cwd, opts.register) : undefined,
        );
        for (const p of problems) io.stderr(`ebkit coverage: ${p}\n`);
        if (!coverage) return done(EXIT.USAGE);
        for (const e of coverage.loadErrors) io.stderr(`ebkit coverage: could not load ${e}\n`);
        for (const u of coverage.unknown)
          io.stderr(`ebkit coverage: ${u.by} declares ${u.id}, which the register lacks\n`);
        if (opts.format === 'json') io.stdout(JSON.stringify(coverage, null, 2) + '\n');
        else if (opts.format === 'markdown') io.stdout(coverageMarkdown(coverage));
        else io.stdout(coverageText(coverage));
        // A defective register (a duplicate ID, an entry without a level) is a failure, though the matrix is printed.
        const failed = problems.length > 0 || (opts.failUncovered && coverage.summary.mustUncovered > 0);
        done(failed ? EXIT.FINDINGS : EXIT.OK);
      });
  },
};
