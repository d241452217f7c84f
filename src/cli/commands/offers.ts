import { readNamedInput } from '../read-input.js';
import { secondsArg } from '../seconds-arg.js';
import { Option, type Command } from 'commander';
import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import { DEFAULT_MAX_BYTES } from '../../parse/index.js';
import { validateBytes } from '../../validate/index.js';
import { nearest } from '../../validate/suggest.js';
import { writeText } from '../../report/index.js';
import { mapStrings } from '../../util/index.js';
import { dumpYaml } from '../../serialize/index.js';
import { credentialArgsProblem, urlCredentialsRefusal, withEnvCredentials } from '../credential-args.js';
import {
  acceptPicked,
  answerLines,
  brokerOf,
  columnsOf,
  displayUrl,
  hasUserInfo,
  offersTable,
  offersValue,
  parseBrokerArg,
  parseHeaderArg,
  headerArgProblem,
  pickOffer,
  rankOffers,
  rejectOffer,
  redactSecrets,
  requestOffers,
  resolveRanking,
  secretsOf,
  totalCost,
  type BrokerCallOptions,
  type BrokerTarget,
  type Credentials,
  type OfferRow,
  type RankBy,
} from '../../client/index.js';

const FORMATS = ['table', 'json', 'yaml'] as const;
type OutputFormat = (typeof FORMATS)[number];

/** Credential and limit flags every client command takes. */
export interface ClientFlags {
  header: string[];
  user?: string;
  token?: string;
  timeout?: string;
}

/** Adds `--header`, `--user`, `--token` and (unless the command gives it another meaning) `--timeout`. */
export function addClientFlags(cmd: Command, perAnswerTimeout = true): Command {
  const out = cmd
    .option(
      '--header <header>',
      'extra request header "Name: value" (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--user <name:password>', 'HTTP Basic credentials (or EBKIT_USER in the environment)')
    .option('--token <token>', 'bearer token (or EBKIT_TOKEN in the environment, kept out of ps)');
  return perAnswerTimeout ? out.option('--timeout <seconds>', 'longest wait for each answer (default 10)') : out;
}

/** The client options of the flags, or the one-line reason they are wrong. */
export function clientOptionsOf(
  given: ClientFlags,
  env: Record<string, string | undefined> = {},
): { ok: true; options: BrokerCallOptions; secrets: string[] } | { ok: false; reason: string } {
  const filled = withEnvCredentials(given, env);
  if (!filled.ok) return filled;
  const { flags } = filled;
  const headers: Record<string, string> = {};
  for (const h of flags.header) {
    const parsed = parseHeaderArg(h);
    if (!parsed) return { ok: false, reason: headerArgProblem(h) };
    headers[parsed.name] = parsed.value;
  }
  const clash = credentialArgsProblem({
    user: flags.user,
    token: flags.token,
    authorizationHeader: Object.keys(headers).some((name) => name.toLowerCase() === 'authorization'),
  });
  if (clash) return { ok: false, reason: clash };
  if (flags.user !== undefined && !/^[^:]+:/.test(flags.user))
    return { ok: false, reason: '--user must be NAME:PASSWORD' };
  if (flags.token !== undefined && (flags.token === '' || /[\s]/.test(flags.token)))
    return { ok: false, reason: '--token must be a non-empty token without spaces' };
  const credentials: Credentials = {
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(flags.user !== undefined ? { user: flags.user } : {}),
    ...(flags.token !== undefined ? { token: flags.token } : {}),
  };
  const options: BrokerCallOptions = { credentials };
  if (flags.timeout !== undefined) {
    const s = secondsArg(flags.timeout, '--timeout', 600);
    if (typeof s === 'string') return { ok: false, reason: s };
    options.timeoutMs = Math.round(s * 1000);
  }
  return { ok: true, options, secrets: secretsOf(credentials) };
}

/** An IO whose every line has the secrets replaced (a server may echo a header back; we never print it). */
export function redactingIO(io: CliIO, secrets: readonly string[]): CliIO {
  if (secrets.length === 0) return io;
  return {
    ...io,
    stdout: (t) => io.stdout(redactSecrets(t, secrets)),
    stderr: (t) => io.stderr(redactSecrets(t, secrets)),
  };
}

/** An absolute http(s) URL without credentials in it, or the reason it is not one (which never quotes a password). */
export function checkUrl(text: string, what: string): string | undefined {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    // Cut after the credentials are taken out: a cut first could leave a password whose @ fell past the cut.
    const shown = displayUrl(text).slice(0, 200);
    const port = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/i.exec(text)?.[1];
    if (port !== undefined && Number(port) > 65535)
      return `${what} has port ${port}, past the largest (65535), in "${shown}"`;
    return `${what} must be an absolute URL, got "${shown}"`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `${what} must be an http(s) URL, got "${u.protocol}"`;
  return hasUserInfo(text) ? urlCredentialsRefusal(what) : undefined;
}

export interface OffersOptions extends ClientFlags {
  broker: string[];
  sort: string;
  format: OutputFormat;
  pick?: string;
  yes?: boolean;
  keepOthers?: boolean;
}

class UsageError {
  constructor(readonly message: string) {}
}

async function readRequestBytes(name: string, io: CliIO): Promise<Buffer> {
  const read = await readNamedInput(name, io, DEFAULT_MAX_BYTES, { noun: 'request' });
  if (!read.ok) throw new UsageError(read.message);
  return read.bytes;
}

/** Reads REQUEST and validates it as an execution request; its findings are printed when it is not valid. */
async function loadRequest(name: string, io: CliIO): Promise<unknown> {
  const bytes = await readRequestBytes(name, io);
  const result = await validateBytes(bytes, { ...(name === '-' ? {} : { filename: name }), type: 'request' });
  if (!result.valid || result.document.value === undefined) {
    io.stderr(
      writeText([{ path: name, format: result.format, type: 'request', valid: false, findings: result.findings }]),
    );
    throw new UsageError(`${name} is not a valid execution request; nothing was sent`);
  }
  return result.document.value;
}

/** The keywords --pick and --sort take (each takes all four: cost is cheapest, start is earliest). */
const RANK_WORDS: readonly string[] = ['cheapest', 'earliest', 'cost', 'start'];

/** `--sort`/`--pick` text as a ranking; a cost or metric is matched by its type, its column header or its last part. */
function rankingOf(text: string, offers: readonly OfferRow[]): { by: RankBy; known: boolean } {
  if (text === 'cost' || text === 'cheapest') return { by: 'cost', known: true };
  if (text === 'start' || text === 'earliest') return { by: 'start', known: true };
  const by = resolveRanking(offers, text);
  return { by: by ?? { metric: text }, known: by !== undefined };
}

/** The cost and metric column headers the offers have, for a message naming what --sort/--pick could take. */
function quotedTypes(offers: readonly OfferRow[]): string {
  const { costs, metrics } = columnsOf(offers);
  const list = (xs: { header: string }[]): string => xs.map((x) => x.header).join(', ') || 'none';
  return `costs: ${list(costs)}; metrics: ${list(metrics)}`;
}

function describe(o: OfferRow): string {
  const cost = totalCost(o.summary);
  const parts = [`from ${brokerOf(o)}`];
  if (o.summary.start) parts.push(`start ${o.summary.start}`);
  if (cost !== undefined) parts.push(`total cost ${cost}`);
  return `${o.url} (${parts.join(', ')})`;
}

/**
 * Runs `ebkit offers`: 0 when offers were shown (and, with --pick --yes, one was accepted), 1 when no broker
 * made an acceptable offer or the acceptance was refused, 2 for usage errors or when no broker could be reached.
 */
export async function runOffers(requestFile: string, opts: OffersOptions, rawIO: CliIO): Promise<number> {
  const flags = clientOptionsOf(opts, rawIO.env);
  if (!flags.ok) {
    rawIO.stderr(`ebkit offers: ${flags.reason}\n`);
    return EXIT.USAGE;
  }
  const io = redactingIO(rawIO, flags.secrets);
  const say = (line: string): void => io.stderr(`ebkit offers: ${line}\n`);
  try {
    if (opts.broker.length === 0) throw new UsageError('name at least one broker with --broker URL (or NAME=URL)');
    const targets: BrokerTarget[] = [];
    for (const b of opts.broker) {
      const parsed = parseBrokerArg(b);
      if (!parsed.ok) throw new UsageError(`--broker ${parsed.reason}`);
      if (hasUserInfo(parsed.target.url)) throw new UsageError(urlCredentialsRefusal(`--broker ${parsed.target.name}`));
      if (targets.some((t) => t.name === parsed.target.name))
        throw new UsageError(`--broker ${parsed.target.name} is given twice`);
      targets.push(parsed.target);
    }
    if (opts.yes && opts.pick === undefined)
      throw new UsageError('--yes accepts the offer --pick chooses; give --pick cheapest|earliest|<metric>');
    // It changes what an acceptance does; with nothing accepted it would be silently ignored.
    if (opts.keepOthers && !opts.yes)
      throw new UsageError('--keep-others changes what --pick … --yes does to the other offers; give --pick and --yes');
    // A near miss of a keyword is a typo, not a metric nobody quotes: said before any broker is asked.
    for (const [flag, value] of [
      ['--pick', opts.pick],
      ['--sort', opts.sort],
    ] as const) {
      const hint = value === undefined || RANK_WORDS.includes(value) ? undefined : nearest(value, RANK_WORDS);
      if (hint)
        throw new UsageError(
          `${flag} ${value}: did you mean ${hint}? (or a cost or metric type, or its column header)`,
        );
    }
    const request = await loadRequest(requestFile, io);

    const result = await requestOffers(request, targets, flags.options);
    const sort = rankingOf(opts.sort, result.offers);
    // A cost or metric can be judged only once offers are in; none the offers have is a bad flag (exit 2), not a
    // table in some other order than asked. Without offers there is nothing to sort, and their absence is told.
    if (!sort.known && result.offers.length > 0) {
      // The offers were made for a table no one will see: rejected, so a mistyped flag holds no broker's resources.
      const released = await Promise.all(result.offers.map((o) => rejectOffer(o.url, flags.options)));
      const kept = released.filter((r) => !r.ok).length;
      throw new UsageError(
        `--sort ${opts.sort}: no offer has that cost or metric; use ${RANK_WORDS.join(', ')}, or a cost or metric the offers have (${quotedTypes(result.offers)}) by its type, column header or last part; the ${result.offers.length} offer(s) made were rejected${kept > 0 ? ` (${kept} could not be, and stay OFFERED until they expire)` : ''}`,
      );
    }
    result.offers = rankOffers(result.offers, sort.by);
    for (const line of answerLines(result)) say(line);

    const doc = offersValue(result);
    let code: number = EXIT.OK;
    const report: string[] = [];
    if (result.offers.length === 0) {
      const allDown = result.answers.every((a) => !a.ok && a.kind === 'unreachable');
      say(allDown ? 'no broker could be reached' : 'no broker made an offer');
      code = allDown ? EXIT.USAGE : EXIT.FINDINGS;
    } else if (opts.pick !== undefined) {
      const pick = rankingOf(opts.pick, result.offers);
      const picked = pick.known ? pickOffer(result.offers, pick.by) : undefined;
      if (!picked) {
        say(
          `--pick ${opts.pick}: no offer ${pick.known ? 'that is still OFFERED quotes it' : `has that cost or metric (${quotedTypes(result.offers)})`}; nothing accepted`,
        );
        code = EXIT.FINDINGS;
      } else if (!opts.yes) {
        doc.picked = { url: picked.url, broker: picked.broker, accepted: false };
        report.push(`would accept ${describe(picked)}; add --yes to accept it`);
      } else {
        const done = await acceptPicked(picked, result, {
          ...flags.options,
          ...(opts.keepOthers ? { keepOthers: true } : {}),
        });
        if (done.accepted.ok) {
          doc.picked = { url: picked.url, broker: picked.broker, accepted: true, phase: done.accepted.phase };
          report.push(`accepted ${describe(picked)}: ${done.accepted.phase} ${done.accepted.url}`);
          const failed = done.released.filter((r) => !r.outcome.ok);
          doc.rejected = done.released.filter((r) => r.outcome.ok).map((r) => r.offer.url);
          if (done.released.length > 0)
            report.push(`rejected ${done.released.length - failed.length} offer(s) of the other brokers`);
          for (const f of failed)
            if (!f.outcome.ok) say(`${f.offer.broker} could not reject ${f.offer.url}: it ${f.outcome.reason}`);
        } else {
          doc.picked = { url: picked.url, broker: picked.broker, accepted: false, reason: done.accepted.reason };
          say(`${picked.broker} did not accept ${picked.url}: it ${done.accepted.reason}`);
          code = done.accepted.kind === 'refused' ? EXIT.FINDINGS : EXIT.USAGE;
        }
      }
    }
    // Redacted value by value, then written as is: replacing a secret in the JSON or YAML text could hit a key.
    const clean = mapStrings(doc, (text) => redactSecrets(text, flags.secrets));
    if (opts.format === 'json') rawIO.stdout(JSON.stringify(clean, null, 2) + '\n');
    // The broker's own YAML writer: it quotes every string a YAML 1.1 reader (PyYAML, SnakeYAML) would take for
    // another type, a timestamp, yes/no/on/off, 010 or 1_000, so a start reads back as the text it was.
    else if (opts.format === 'yaml') rawIO.stdout(dumpYaml(clean));
    else {
      if (result.offers.length > 0) io.stdout(offersTable(result));
      for (const line of report) io.stdout(`${line}\n`);
    }
    if (opts.format !== 'table') for (const line of report) say(line);
    return code;
  } catch (err) {
    say(
      err instanceof UsageError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`,
    );
    return EXIT.USAGE;
  }
}

/** `ebkit offers`: one request to many brokers, their offers compared, the best one accepted on request. */
export const command: CommandModule = {
  register(program, io, done) {
    const cmd = program
      .command('offers')
      .description(
        'send one request to many brokers (or an aggregator) and compare their offers; --pick … --yes accepts the best',
      )
      .argument('<request>', 'execution request (JSON, YAML or XML); - reads standard input')
      .option(
        '--broker <url>',
        'a broker base URL, or NAME=URL (repeatable)',
        (v: string, prev: string[]) => [...prev, v],
        [] as string[],
      )
      .option(
        '--sort <key>',
        'cost (money), start, or a cost or metric type (or its column header, or the last part of its type); one no offer has is exit 2',
        'cost',
      )
      .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
      .option(
        '--pick <key>',
        'choose the best offer: cheapest (money), earliest, a cost type (lowest wins) or a metric (highest wins)',
      )
      .option('--yes', 'accept the offer --pick chose (without it, only say which)')
      .option('--keep-others', "with --yes: leave the other brokers' offers OFFERED instead of rejecting them");
    addClientFlags(cmd).action(async (request: string, opts: OffersOptions) => {
      done(await runOffers(request, opts, io));
    });
  },
};
