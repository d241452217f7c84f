import { Command, CommanderError, Option } from 'commander';
import type { CliIO } from './io.js';
import { EXIT } from './io.js';
import type { CommandModule } from './command.js';
import { TOOLKIT_VERSION } from '../version.js';
import { errorMessage } from '../util/index.js';
import { COMMAND_TABLE } from './command-table.js';

/**
 * Sub-commands load on demand: `serve` pulls in fastify and SQLite, `conformance`
 * the whole suite, and `ebkit validate` must start fast (issue 3: < 250 ms).
 */
const COMMANDS: Record<string, () => Promise<{ command: CommandModule }>> = {
  validate: () => import('./commands/validate.js'),
  serve: () => import('./commands/serve.js'),
  aggregate: () => import('./commands/aggregate.js'),
  conformance: () => import('./commands/conformance.js'),
  coverage: () => import('./commands/coverage.js'),
  'lint-spec': () => import('./commands/lint-spec.js'),
  diff: () => import('./commands/diff.js'),
  migrate: () => import('./commands/migrate.js'),
  compose: () => import('./commands/compose.js'),
  docs: () => import('./commands/docs.js'),
  offers: () => import('./commands/offers.js'),
  accept: () => import('./commands/accept.js'),
  cancel: () => import('./commands/cancel.js'),
  watch: () => import('./commands/watch.js'),
};

/**
 * The one command `argv` names (`help NAME` names NAME, for its own help); undefined for top-level help,
 * --version and unknown commands, which list the commands from COMMAND_TABLE without loading any.
 */
function commandNamed(argv: string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && name in COMMANDS ? name : undefined;
}

/** A stand-in that top-level help lists as the real command (name, [options], arguments, description). */
function registerSummary(program: Command, name: string): void {
  const summary = COMMAND_TABLE[name];
  if (!summary) return;
  const stub = program.command(name).description(summary.description).addOption(new Option('--stand-in').hideHelp());
  if (summary.args) stub.arguments(summary.args);
}

/** Runs `ebkit <argv>` and resolves to the exit code; never throws. */
export async function cli(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = new Command('ebkit')
    .description('IVOA ExecutionBroker toolkit: validate documents, run a reference broker, check conformance')
    .version(TOOLKIT_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // One line of why, then where to read more: the whole help after it scrolled the error off a terminal.
    .showHelpAfterError("(add --help for this command's usage)");
  const named = commandNamed(argv);
  let mod: CommandModule | undefined;
  try {
    mod = named !== undefined ? (await COMMANDS[named]!()).command : undefined;
  } catch (err) {
    // A module that cannot load (a dependency missing from the install) is one line, not a stack trace.
    io.stderr(`ebkit ${named}: cannot load the command: ${errorMessage(err).split('\n')[0]}\n`);
    return EXIT.USAGE;
  }
  // In the order of COMMANDS: the named command for real, the others as they show in top-level help.
  for (const name of Object.keys(COMMANDS)) {
    if (name !== named) registerSummary(program, name);
    else
      mod?.register(program, io, (code) => {
        exitCode = code;
      });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version are exits with code 0; everything else is a usage error.
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    io.stderr(`ebkit: internal error: ${errorMessage(err)}\n`);
    return EXIT.USAGE;
  }
  return exitCode;
}
