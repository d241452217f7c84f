import { Command, CommanderError } from 'commander';
import type { CliIO } from './io.js';
import { EXIT } from './io.js';
import type { CommandModule } from './command.js';
import { TOOLKIT_VERSION } from '../version.js';
import { errorMessage } from '../util/index.js';

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

/** The modules to load for `argv`: only the named command, or all of them for help and unknown commands. */
async function commandsFor(argv: string[]): Promise<CommandModule[]> {
  const name = argv.find((a) => !a.startsWith('-'));
  const names = name !== undefined && name in COMMANDS ? [name] : Object.keys(COMMANDS);
  const modules = await Promise.all(names.map((n) => COMMANDS[n]!()));
  return modules.map((m) => m.command);
}

/** Runs `ebkit <argv>` and resolves to the exit code; never throws. */
export async function cli(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = new Command('ebkit')
    .description('IVOA ExecutionBroker toolkit: validate documents, run a reference broker, check conformance')
    .version(TOOLKIT_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  for (const mod of await commandsFor(argv)) {
    mod.register(program, io, (code) => {
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
