import type { CommandModule } from '../command.js';

/** Placeholder until the command lands; exits 2 so nobody mistakes it for success. */
export const command: CommandModule = {
  register(program, io, done) {
    program
      .command('conformance')
      .description('(not yet implemented)')
      .allowUnknownOption(true)
      .allowExcessArguments(true)
      .action(() => {
        io.stderr('ebkit conformance: not implemented yet\n');
        done(2);
      });
  },
};
