import { resolve } from 'node:path';
import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import { createBroker, type Broker } from '../../broker/index.js';
import {
  addServingOptions,
  authModeOf,
  configProblem,
  servingProblem,
  signalled,
  startFailure,
  wildcardHostWarning,
  type ServingOptions,
} from '../serving.js';

export type ServeOptions = ServingOptions;

const DB_DEFAULT = 'ebkit-broker.sqlite';

/**
 * Runs the broker until `stop` resolves; prints `listening on URL` once ready. Returns the exit code:
 * 2 for a bad flag, an unreadable or invalid config, a database that cannot be opened or a busy port.
 */
export async function serve(opts: ServeOptions, io: CliIO, stop: () => Promise<void> = signalled): Promise<number> {
  const problem = servingProblem(opts) ?? configProblem(opts, io.cwd);
  if (problem !== undefined) {
    io.stderr(`ebkit serve: ${problem}\n`);
    return EXIT.USAGE;
  }
  const port = Number(opts.port);
  let broker: Broker | undefined;
  try {
    broker = createBroker({
      db: opts.db === ':memory:' ? ':memory:' : resolve(io.cwd, opts.db),
      ...(opts.config ? { configFile: resolve(io.cwd, opts.config) } : {}),
      ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
      auth: authModeOf(opts),
    });
    const url = await broker.listen({ host: opts.host, port });
    io.stdout(`listening on ${url}\n`);
    const warning = wildcardHostWarning(opts, url);
    if (warning) io.stderr(`ebkit serve: ${warning}\n`);
  } catch (err) {
    io.stderr(`ebkit serve: ${startFailure(err, opts, DB_DEFAULT)}\n`);
    await broker?.close().catch(() => undefined);
    return EXIT.USAGE;
  }
  await stop();
  await broker.close();
  io.stderr('ebkit serve: stopped\n');
  return EXIT.OK;
}

/** `ebkit serve`: the reference broker until SIGINT/SIGTERM. */
export const command: CommandModule = {
  register(program, io, done) {
    addServingOptions(
      program.command('serve').description('run the reference ExecutionBroker (SQLite store, simulated platform)'),
      {
        db: 'SQLite database file, or :memory:',
        dbDefault: DB_DEFAULT,
        config: 'platform and service settings (YAML, see broker.example.yaml)',
        auth: 'none, or bearer: a token is needed to ask or change; sessions are visible only to the token that created them, and changed by no other (403)',
      },
    ).action(async (opts: ServeOptions) => {
      done(await serve(opts, io));
    });
  },
};
