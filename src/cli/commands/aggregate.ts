import { resolve } from 'node:path';
import { secondsArg } from '../seconds-arg.js';
import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import {
  AggregatorConfigError,
  DEFAULT_AGGREGATOR,
  createAggregator,
  upstreamOf,
  type Aggregator,
} from '../../aggregator/index.js';
import { printable } from '../../util/index.js';
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

const DB_DEFAULT = 'ebkit-aggregator.sqlite';

export interface AggregateOptions extends ServingOptions {
  upstream: string[];
  best?: string;
  upstreamTimeout?: string;
}

/** Runs the aggregator until `stop` resolves; prints `listening on URL` once ready; 2 for any bad setting. */
export async function aggregate(
  opts: AggregateOptions,
  io: CliIO,
  stop: () => Promise<void> = signalled,
): Promise<number> {
  const fail = (text: string): number => {
    io.stderr(`ebkit aggregate: ${text}\n`);
    return EXIT.USAGE;
  };
  const problem = servingProblem(opts) ?? configProblem(opts, io.cwd);
  if (problem !== undefined) return fail(problem);
  const port = Number(opts.port);
  if (opts.best !== undefined && !/^[1-9]\d{0,3}$/.test(opts.best))
    return fail(`--best must be a positive integer, got "${opts.best}"`);
  const upstreamTimeout =
    opts.upstreamTimeout === undefined ? undefined : secondsArg(opts.upstreamTimeout, '--upstream-timeout', 600);
  if (typeof upstreamTimeout === 'string') return fail(upstreamTimeout);
  let agg: Aggregator | undefined;
  try {
    // Each --upstream checked in the command's own words (the library says upstreams[i]); NAME=URL names it, as
    // `offers --broker` does, so two brokers on one host and port can be told apart.
    const upstreams = opts.upstream.map((u, i) =>
      upstreamOf(namedUpstream(u, `--upstream #${i + 1}`), `--upstream #${i + 1}`),
    );
    agg = createAggregator({
      db: opts.db === ':memory:' ? ':memory:' : resolve(io.cwd, opts.db),
      ...(opts.config ? { configFile: resolve(io.cwd, opts.config) } : {}),
      ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
      auth: authModeOf(opts),
      upstreams,
      config: {
        ...(opts.best !== undefined ? { best: Number(opts.best) } : {}),
        ...(upstreamTimeout !== undefined ? { upstreamTimeout } : {}),
      },
    });
    if (agg.config.identities.length > 0 && authModeOf(opts) !== 'bearer')
      io.stderr(
        "ebkit aggregate: warning: the config maps identities, but they are used only with --auth bearer; without it every request goes out with each broker's own credentials\n",
      );
    const url = await agg.listen({ host: opts.host, port });
    io.stdout(`listening on ${url}\n`);
    const warning = wildcardHostWarning(opts, url);
    if (warning) io.stderr(`ebkit aggregate: ${warning}\n`);
  } catch (err) {
    await agg?.close().catch(() => undefined);
    if ((err as { code?: unknown }).code === 'EBK_NO_UPSTREAM')
      return fail('no lower broker: give --upstream URL (repeatable) or a brokers: list in --config');
    return fail(startFailure(err, opts, DB_DEFAULT));
  }
  await stop();
  await agg.close();
  io.stderr('ebkit aggregate: stopped\n');
  return EXIT.OK;
}

/** `ebkit aggregate`: the reference aggregator over lower brokers until SIGINT/SIGTERM. */
export const command: CommandModule = {
  register(program, io, done) {
    addServingOptions(
      program
        .command('aggregate')
        .description('run the reference aggregator: one broker in front of many (fan-out, merge, proxy)'),
      {
        db: 'SQLite database file for the session mapping, or :memory:',
        dbDefault: DB_DEFAULT,
        config: 'brokers, credentials, data map, identities (YAML, see src/aggregator/README.md)',
        auth: 'none, or bearer: sessions belong to the token that created them (gateway mode)',
      },
    )
      .option(
        '--upstream <url>',
        'a lower broker, or NAME=URL to name it (repeatable)',
        (v: string, prev: string[]) => [...prev, v],
        [] as string[],
      )
      .option(
        '--best <n>',
        `offers kept per lower broker (cheapest, then earliest; default ${DEFAULT_AGGREGATOR.best})`,
      )
      .option(
        '--upstream-timeout <seconds>',
        `how long a lower broker has to answer (default ${DEFAULT_AGGREGATOR.upstreamTimeout}; less when the client sends Prefer: wait)`,
      )
      .action(async (opts: AggregateOptions) => {
        done(await aggregate(opts, io));
      });
  },
};

/** `NAME=URL` as a named broker; anything else (a URL) as it is. */
function namedUpstream(arg: string, where: string): string | { name: string; url: string } {
  const m = /^([A-Za-z0-9][\w.-]*)=(https?:\/\/.*)$/i.exec(arg);
  if (m) return { name: m[1]!, url: m[2]! };
  // Something=URL whose name is not one: said so, rather than "not an absolute URL" of the whole.
  const bad = /^([^:/]*)=https?:\/\//i.exec(arg);
  if (bad)
    throw new AggregatorConfigError(
      bad[1] === ''
        ? `${where}: the name before = is empty; give NAME=URL or the URL alone`
        : `${where}: the name "${printable(bad[1]!)}" must start with a letter or digit and hold only letters, digits, _ . and -`,
    );
  return arg;
}
