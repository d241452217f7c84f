import type { CommandModule } from '../command.js';
import type { ClientFlags } from './offers.js';
import { addClientFlags } from './offers.js';
import { runPhaseCommand } from './accept.js';

/** `ebkit cancel SESSION_URL`: cancels an accepted session. */
export const command: CommandModule = {
  register(program, io, done) {
    const cmd = program
      .command('cancel')
      .description('cancel a session (POST the CANCELLED update to its URL); prints the session phase and URL')
      .argument('<session-url>', 'the session URL');
    addClientFlags(cmd).action(async (url: string, flags: ClientFlags) => {
      done(await runPhaseCommand('cancel', url, flags, io));
    });
  },
};
