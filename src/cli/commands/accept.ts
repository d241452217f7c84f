import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import { acceptOffer, cancelSession, type SessionOutcome } from '../../client/index.js';
import { addClientFlags, checkUrl, clientOptionsOf, redactingIO, type ClientFlags } from './offers.js';

/**
 * Sends one phase update (`accept` or `cancel`) and prints the resulting phase and session URL. 0 when the broker
 * shows the new phase, 1 when it refused, 2 for a bad URL or flag, or a broker that cannot be reached.
 */
export async function runPhaseCommand(
  name: 'accept' | 'cancel',
  url: string,
  flags: ClientFlags,
  rawIO: CliIO,
): Promise<number> {
  const opts = clientOptionsOf(flags, rawIO.env);
  if (!opts.ok) {
    rawIO.stderr(`ebkit ${name}: ${opts.reason}\n`);
    return EXIT.USAGE;
  }
  const io = redactingIO(rawIO, opts.secrets);
  const bad = checkUrl(url, name === 'accept' ? 'OFFER_URL' : 'SESSION_URL');
  if (bad) {
    io.stderr(`ebkit ${name}: ${bad}\n`);
    return EXIT.USAGE;
  }
  const out: SessionOutcome =
    name === 'accept' ? await acceptOffer(url, opts.options) : await cancelSession(url, opts.options);
  if (out.ok) {
    io.stdout(`${out.phase} ${out.url}\n`);
    return EXIT.OK;
  }
  io.stderr(`ebkit ${name}: ${url} ${out.reason}\n`);
  return out.kind === 'refused' ? EXIT.FINDINGS : EXIT.USAGE;
}

/** `ebkit accept OFFER_URL`: accepts one offer. */
export const command: CommandModule = {
  register(program, io, done) {
    const cmd = program
      .command('accept')
      .description('accept an offer (POST the ACCEPTED update to its URL); prints the session phase and URL')
      .argument('<offer-url>', "the offer's session URL (meta.url)");
    addClientFlags(cmd).action(async (url: string, flags: ClientFlags) => {
      done(await runPhaseCommand('accept', url, flags, io));
    });
  },
};
