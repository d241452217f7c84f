import { resolve } from 'node:path';
import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import { createBroker, type Broker } from '../../broker/index.js';
import { errorMessage } from '../../util/index.js';

export interface ServeOptions {
  host: string;
  port: string;
  db: string;
  config?: string;
  publicUrl?: string;
  auth: string;
}

/** Resolves on SIGINT or SIGTERM. */
function signalled(): Promise<void> {
  return new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Runs the broker until `stop` resolves; prints `listening on URL` once ready. Returns the exit code:
 * 2 for a bad flag, an unreadable or invalid config, a database that cannot be opened or a busy port.
 */
export async function serve(opts: ServeOptions, io: CliIO, stop: () => Promise<void> = signalled): Promise<number> {
  const port = Number(opts.port);
  if (!/^\d+$/.test(opts.port) || port > 65535) {
    io.stderr(`ebkit serve: --port must be an integer from 0 to 65535, got "${opts.port}"\n`);
    return EXIT.USAGE;
  }
  if (opts.auth !== 'none' && opts.auth !== 'bearer') {
    io.stderr(`ebkit serve: --auth must be none or bearer, got "${opts.auth}"\n`);
    return EXIT.USAGE;
  }
  if (opts.publicUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(opts.publicUrl)) {
    io.stderr(`ebkit serve: --public-url must be an absolute http(s) URL, got "${opts.publicUrl}"\n`);
    return EXIT.USAGE;
  }
  let broker: Broker | undefined;
  try {
    broker = createBroker({
      db: opts.db === ':memory:' ? ':memory:' : resolve(io.cwd, opts.db),
      ...(opts.config ? { configFile: resolve(io.cwd, opts.config) } : {}),
      ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
      auth: opts.auth,
    });
    const url = await broker.listen({ host: opts.host, port });
    io.stdout(`listening on ${url}\n`);
  } catch (err) {
    io.stderr(`ebkit serve: ${errorMessage(err)}\n`);
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
    program
      .command('serve')
      .description('Run the reference ExecutionBroker (SQLite store, simulated platform)')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--port <port>', 'port to listen on (0: any free port)', '8080')
      .option('--db <file>', 'SQLite database file, or :memory:', 'ebkit-broker.sqlite')
      .option('--config <file>', 'platform and service settings (YAML, see broker.example.yaml)')
      .option('--public-url <url>', 'base URL clients reach the broker at (default: the listening address)')
      .option('--auth <mode>', 'none, or bearer: sessions are visible only to the token that created them', 'none')
      .action(async (opts: ServeOptions) => {
        done(await serve(opts, io));
      });
  },
};
