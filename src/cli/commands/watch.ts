import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import { watchSession } from '../../client/index.js';
import { secondsArg } from '../seconds-arg.js';
import { addClientFlags, checkUrl, clientOptionsOf, redactingIO, type ClientFlags } from './offers.js';

export interface WatchFlags extends Omit<ClientFlags, 'timeout'> {
  interval: string;
  /** The whole watch, in seconds (each answer has the client's own 10 s limit). */
  timeout?: string;
}

/** HH:MM:SS of an instant, in UTC. */
const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/**
 * Follows a session to its end: 0 on COMPLETED, 1 on FAILED, CANCELLED, EXPIRED or REJECTED, 2 for a bad flag or
 * URL, a broker that cannot be reached or a timeout. On a terminal the phase is one line rewritten in place; piped,
 * each phase change is one line with its time.
 */
export async function runWatch(
  url: string,
  flags: WatchFlags,
  rawIO: CliIO,
  now: () => number = Date.now,
): Promise<number> {
  const { timeout: whole, ...rest } = flags;
  const opts = clientOptionsOf(rest, rawIO.env);
  const fail = (text: string): number => {
    rawIO.stderr(`ebkit watch: ${text}\n`);
    return EXIT.USAGE;
  };
  if (!opts.ok) return fail(opts.reason);
  const io = redactingIO(rawIO, opts.secrets);
  const bad = checkUrl(url, 'SESSION_URL');
  if (bad) return fail(bad);
  const interval = secondsArg(flags.interval, '--interval', 600);
  if (typeof interval === 'string') return fail(interval);
  const timeout = whole === undefined ? undefined : secondsArg(whole, '--timeout', 7 * 24 * 3600);
  if (typeof timeout === 'string') return fail(timeout);
  const started = now();
  // A session's warnings and errors (a fault, a stale or lost lower session) are told once each, as they appear.
  const told = new Set<string>();
  const tell = (document: Record<string, unknown>): void => {
    for (const m of problemsOf(document)) {
      if (told.has(m)) continue;
      told.add(m);
      io.stderr(`${io.isTTY ? '\r\u001b[K' : ''}ebkit watch: ${m}\n`);
    }
  };
  const result = await watchSession(url, {
    ...opts.options,
    intervalMs: interval * 1000,
    ...(timeout !== undefined ? { deadlineMs: timeout * 1000, timeoutMs: Math.min(10_000, timeout * 1000) } : {}),
    now,
    onRead: ({ phase, changed, document }) => {
      tell(document);
      if (io.isTTY) io.stdout(`\r\u001b[K${phase}  ${url}  ${Math.round((now() - started) / 1000)} s`);
      else if (changed) io.stdout(`${new Date(now()).toISOString()} ${phase}\n`);
    },
  });
  if (io.isTTY && result.phases.length > 0) io.stdout('\n');
  switch (result.outcome) {
    case 'completed':
      return EXIT.OK;
    case 'ended':
      io.stderr(`ebkit watch: the session ended ${result.phase} at ${clock(now())}\n`);
      return EXIT.FINDINGS;
    default:
      io.stderr(`ebkit watch: ${url} ${result.reason}${result.phase ? ` (last seen ${result.phase})` : ''}\n`);
      // A refusal (404, 403) is 1, as accept and cancel give it; a URL that is no session, or no answer, is 2.
      return result.outcome === 'refused' ? EXIT.FINDINGS : EXIT.USAGE;
  }
}

/** `LEVEL text` of each WARN and ERROR message a session document carries (its own, not its components'). */
function problemsOf(doc: Record<string, unknown>): string[] {
  const meta = doc.meta;
  const list = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>).messages : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((m: unknown) => {
    if (typeof m !== 'object' || m === null) return [];
    const { level, message, template, kind } = m as Record<string, unknown>;
    if (level !== 'WARN' && level !== 'ERROR') return [];
    const text = [message, template, kind].find((t): t is string => typeof t === 'string' && t.trim() !== '');
    return text === undefined ? [] : [`${level} ${text.replace(/\s+/g, ' ').trim().slice(0, 500)}`];
  });
}

/** `ebkit watch SESSION_URL`: polls a session until it ends. */
export const command: CommandModule = {
  register(program, io, done) {
    const cmd = program
      .command('watch')
      .description(
        'follow a session until it ends; exit 0 on COMPLETED, 1 on FAILED/CANCELLED/EXPIRED/REJECTED or a refusal (404), 2 when unreachable or past --timeout',
      )
      .argument('<session-url>', 'the session URL')
      .option('--interval <seconds>', 'first wait between reads; doubles while the phase stays (up to 8×)', '1');
    addClientFlags(cmd, false)
      .option(
        '--timeout <seconds>',
        'give up (exit 2) when the session has not ended after this long (default: no limit)',
      )
      .action(async (url: string, flags: WatchFlags) => {
        done(await runWatch(url, flags, io));
      });
  },
};
