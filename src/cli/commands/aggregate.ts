import { resolve } from 'node:path';
import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import { createAggregator, type Aggregator } from '../../aggregator/index.js';

export interface AggregateOptions {
  host: string;
  port: string;
  db: string;
  config?: string;
  publicUrl?: string;
  auth: string;
  upstream: string[];
  best?: string;
  upstreamTimeout?: string;
}

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

/** Runs the aggregator until `stop` resolves; prints `listening on URL` once ready; 2 for any bad setting. */
export async function aggregate(opts: AggregateOptions, io: CliIO, stop: () => Promise<void> = signalled): Promise<number> {
  const fail = (text: string): number => {
    io.stderr(`ebkit aggregate: ${text}\n`);
    return EXIT.USAGE;
  };
  const port = Number(opts.port);
  if (!/^\d+$/.test(opts.port) || port > 65535) return fail(`--port must be an integer from 0 to 65535, got "${opts.port}"`);
  if (opts.auth !== 'none' && opts.auth !== 'bearer') return fail(`--auth must be none or bearer, got "${opts.auth}"`);
  if (opts.publicUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(opts.publicUrl)) return fail(`--public-url must be an absolute http(s) URL, got "${opts.publicUrl}"`);
  if (opts.best !== undefined && !/^[1-9]\d{0,3}$/.test(opts.best)) return fail(`--best must be a positive integer, got "${opts.best}"`);
  if (opts.upstreamTimeout !== undefined && !(Number(opts.upstreamTimeout) > 0 && Number(opts.upstreamTimeout) <= 600)) {
    return fail(`--upstream-timeout must be a number of seconds above 0 and at most 600, got "${opts.upstreamTimeout}"`);
  }
  let agg: Aggregator | undefined;
  try {
    agg = createAggregator({
      db: opts.db === ':memory:' ? ':memory:' : resolve(io.cwd, opts.db),
      ...(opts.config ? { configFile: resolve(io.cwd, opts.config) } : {}),
      ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
      auth: opts.auth,
      upstreams: opts.upstream,
      config: {
        ...(opts.best !== undefined ? { best: Number(opts.best) } : {}),
        ...(opts.upstreamTimeout !== undefined ? { upstreamTimeout: Number(opts.upstreamTimeout) } : {}),
      },
    });
    if (agg.config.brokers.length === 0) {
      await agg.close();
      return fail('no lower broker: give --upstream URL (repeatable) or a brokers: list in --config');
    }
    const url = await agg.listen({ host: opts.host, port });
    io.stdout(`listening on ${url}\n`);
  } catch (err) {
    await agg?.close().catch(() => undefined);
    return fail(err instanceof Error ? err.message : String(err));
  }
  await stop();
  await agg.close();
  io.stderr('ebkit aggregate: stopped\n');
  return EXIT.OK;
}

/** `ebkit aggregate`: the reference aggregator over lower brokers until SIGINT/SIGTERM. */
export const command: CommandModule = {
  register(program, io, done) {
    program
      .command('aggregate')
      .description('Run the reference aggregator: one broker in front of many (fan-out, merge, proxy)')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--port <port>', 'port to listen on (0: any free port)', '8080')
      .option('--db <file>', 'SQLite database file for the session mapping, or :memory:', 'ebkit-aggregator.sqlite')
      .option('--config <file>', 'brokers, credentials, data map, identities (YAML, see src/aggregator/README.md)')
      .option('--public-url <url>', 'base URL clients reach the aggregator at (default: the listening address)')
      .option('--auth <mode>', 'none, or bearer: sessions belong to the token that created them (gateway mode)', 'none')
      .option('--upstream <url>', 'a lower broker (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
      .option('--best <n>', 'offers kept per lower broker (cheapest, then earliest)')
      .option('--upstream-timeout <seconds>', 'how long a lower broker has to answer')
      .action(async (opts: AggregateOptions) => {
        done(await aggregate(opts, io));
      });
  },
};
