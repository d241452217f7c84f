import type { Command } from 'commander';
import type { CliIO } from './io.js';

/**
 * A sub-command: adds itself to the program. Its action returns the exit code;
 * it never calls process.exit (so `cli()` stays testable).
 */
export interface CommandModule {
  register(program: Command, io: CliIO, done: (exitCode: number) => void): void;
}
