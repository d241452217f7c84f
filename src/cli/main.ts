import { Command, CommanderError } from 'commander';
import type { CliIO } from './io.js';
import { EXIT } from './io.js';
import type { CommandModule } from './command.js';
import { command as validate } from './commands/validate.js';
import { command as serve } from './commands/serve.js';
import { command as conformance } from './commands/conformance.js';
import { command as coverage } from './commands/coverage.js';
import { command as lintSpec } from './commands/lint-spec.js';
import { command as diff } from './commands/diff.js';
import { TOOLKIT_VERSION } from '../version.js';

const COMMANDS: CommandModule[] = [validate, serve, conformance, coverage, lintSpec, diff];

/** Runs `ebkit <argv>` and resolves to the exit code; never throws. */
export async function cli(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = new Command('ebkit')
    .description('IVOA ExecutionBroker toolkit: validate documents, run a reference broker, check conformance')
    .version(TOOLKIT_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  for (const mod of COMMANDS) {
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
    io.stderr(`ebkit: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.USAGE;
  }
  return exitCode;
}
