import { constants as fsConstants } from 'node:fs';
import { access, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Option } from 'commander';
import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import { displayUrl, hasUserInfo, headerArgProblem, isSecretHeader, parseHeaderArg } from '../../client/index.js';
import {
  CONFORMANCE_EXIT,
  exitCodeOf,
  redactDeep,
  redactText,
  renderBadge,
  renderHtml,
  writeJsonReport,
  writeJunitReport,
  writeTextSummary,
} from '../../report/conformance/index.js';
import {
  ALL_CHECKS,
  CHECK_CLASSES,
  PROBE_OWNED_HEADERS,
  runConformance,
  runHeaders,
  selectChecks,
} from '../../../conformance/index.js';
import { writeBadgeJson } from '../../report/conformance/index.js';
import type { Check, CheckClass, CheckResult, EvidenceMode, RunReport } from '../../../conformance/index.js';
import { EVIDENCE_MODES } from '../../../conformance/index.js';
import { startEmbeddedBroker } from '../../../conformance/embedded.js';
import { clipText, errorMessage, printable } from '../../util/index.js';
import { writeFailure } from '../read-input.js';
import { credentialArgsProblem, urlCredentialsRefusal, withEnvCredentials } from '../credential-args.js';

interface Flags {
  classes?: string;
  skipSlow?: boolean;
  report?: string;
  junit?: string;
  html?: string;
  badge?: string;
  badgeJson?: string;
  header: string[];
  user?: string;
  token?: string;
  timeout: string;
  deadline: string;
  allowOrigin: string[];
  concurrency: string;
  evidence?: string;
  format: 'text' | 'json';
}

/** Longest check message a live line shows. */
const LINE_MESSAGE_MAX = 2_000;

/** What stdout carries: the live lines and the text summary, or the JSON report alone (for a pipe, like `offers`). */
const FORMATS = ['text', 'json'] as const;

const ICON: Record<CheckResult['outcome'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  info: 'INFO',
  na: 'N/A ',
  skip: 'SKIP',
  error: 'ERR ',
};
const COLOUR: Record<CheckResult['outcome'], string> = {
  pass: '32',
  fail: '31',
  warn: '33',
  info: '36',
  na: '90',
  skip: '90',
  error: '35',
};

/** What `--help` prints after the options. */
export const EXIT_HELP = `
Exit codes:
  0    every MUST check was judged and passed
  1    a MUST check failed
  2    bad arguments, or the broker could not be reached
  3    no MUST check failed, but some could not be judged (skipped or errored; the summary says which and why)
  130  interrupted (Ctrl-C): the summary covers the checks that ran, and the sessions made were settled
  143  the same, ended by SIGTERM (a CI runner's cancel or timeout)

Outcomes: pass; fail; warn (a SHOULD broken); info; n/a (the requirement does not apply to this broker, such as a
check of component URLs when it gives no component one: a MUST that does not apply is met, and counts in "MUST
passed"); skip (a precondition not met, said why); error (the check could not finish: a timeout, the deadline).

Time: --deadline is the one knob. Every check that waits for the broker (offer expiry, phase changes, completion)
waits as long as the deadline leaves: a run waits out the longer of the broker's offer lifetime and one whole
session, plus about 40 s, so a broker whose offers live 5 minutes needs about --deadline 340.

Credentials: --user NAME:PASSWORD (HTTP Basic) or --token TOKEN (Bearer) are sent with every request but those to
/availability and /capabilities, which must answer anonymously; no secret is written to any report or log.
Without a credential flag, EBKIT_TOKEN or EBKIT_USER in the environment gives them, out of the argument list that ps
shows every user of the machine (a CI secret belongs there).
`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Parses the flags; a string is a usage error message. */
export function parseFlags(flags: Flags):
  | string
  | {
      classes?: CheckClass[];
      headers: Record<string, string>;
      /** --header names the probes set themselves (Accept, Content-Type…), which the run does not send. */
      ignoredHeaders: string[];
      credentials?: 'header' | 'user' | 'token';
      secrets: string[];
      timeoutMs: number;
      deadlineMs: number;
      concurrency: number;
      allowedOrigins: string[];
      evidence: EvidenceMode;
    } {
  let classes: CheckClass[] | undefined;
  if (flags.classes !== undefined) {
    const names = flags.classes
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !(CHECK_CLASSES as readonly string[]).includes(n));
    if (unknown.length > 0 || names.length === 0)
      return `--classes: unknown class ${unknown.join(', ') || '(none given)'}; known: ${CHECK_CLASSES.join(', ')}`;
    classes = names as CheckClass[];
  }
  const headers: Record<string, string> = {};
  for (const h of flags.header) {
    const parsed = parseHeaderArg(h);
    if (!parsed) return headerArgProblem(h);
    headers[parsed.name.toLowerCase()] = parsed.value;
  }
  let credentials: 'header' | 'user' | 'token' | undefined =
    headers['authorization'] !== undefined ? 'header' : undefined;
  // Every --header value may be a credential (an API key header, a tenant id), as for `offers` and the action.
  const secrets: string[] = Object.entries(headers)
    .filter(([k]) => isSecretHeader(k))
    .flatMap(([, v]) => [v, v.replace(/^\S+\s+/, '')]);
  const clash = credentialArgsProblem({
    user: flags.user,
    token: flags.token,
    authorizationHeader: credentials !== undefined,
  });
  if (clash) return clash;
  if (flags.user !== undefined) {
    const i = flags.user.indexOf(':');
    if (i <= 0) return '--user must be NAME:PASSWORD (the password may be empty but the colon is needed)';
    headers['authorization'] = `Basic ${Buffer.from(flags.user, 'utf8').toString('base64')}`;
    credentials = 'user';
    secrets.push(flags.user, headers['authorization']);
    if (i < flags.user.length - 1) secrets.push(flags.user.slice(i + 1));
  }
  if (flags.token !== undefined) {
    if (flags.token === '' || /[\r\n]/.test(flags.token)) return '--token must be a non-empty token on one line';
    headers['authorization'] = `Bearer ${flags.token}`;
    credentials = 'token';
    secrets.push(flags.token);
  }
  const timeout = timeoutOf(flags.timeout);
  if (typeof timeout === 'string') return timeout;
  const timeoutMs = timeout;
  const deadlineS = Number(flags.deadline);
  if (!Number.isFinite(deadlineS) || deadlineS <= 0)
    return `--deadline must be a positive number of seconds, got "${flags.deadline}"`;
  if (deadlineS > MAX_DEADLINE_S)
    return `--deadline must be at most ${MAX_DEADLINE_S} seconds (about 24 days), got "${flags.deadline}"`;
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    return `--concurrency must be an integer from 1 to 64, got "${flags.concurrency}"`;
  const evidenceFlag = flags.evidence ?? 'failing';
  if (!(EVIDENCE_MODES as readonly string[]).includes(evidenceFlag))
    return `--evidence must be one of ${EVIDENCE_MODES.join(', ')}, got "${evidenceFlag}"`;
  const evidence = evidenceFlag as EvidenceMode;
  const allowedOrigins: string[] = [];
  for (const o of flags.allowOrigin) {
    try {
      const u = new URL(o);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
      allowedOrigins.push(u.origin);
    } catch {
      return `--allow-origin "${o}" is not an http(s) origin such as https://other.example.org`;
    }
  }
  return {
    ...(classes ? { classes } : {}),
    headers,
    ignoredHeaders: runHeaders(headers).ignored,
    ...(credentials ? { credentials } : {}),
    secrets,
    timeoutMs,
    deadlineMs: deadlineS * 1000,
    concurrency,
    allowedOrigins,
    evidence,
  };
}

/** A live list on a terminal (running checks on a status line), plain lines otherwise. */
function progress(io: CliIO, secrets: string[]) {
  const colour = io.isTTY && !io.env['NO_COLOR'];
  const running = new Set<string>();
  let done = 0;
  let total = 0;
  const paint = (r: CheckResult) => {
    // NO_COLOR (no-color.org) turns the colours off, as `validate` does; the status line still redraws in place.
    const tag = colour ? `\x1b[${COLOUR[r.outcome]}m${ICON[r.outcome]}\x1b[0m` : ICON[r.outcome];
    // The message may quote the broker (a uuid, a phase): control characters are shown as \xNN, so none drives
    // the terminal or forges a line, and a huge one is cut (the reports keep it whole).
    const message = clipText(printable(r.message), LINE_MESSAGE_MAX);
    return redactText(
      `${tag} ${r.id} [${r.broken ? `${r.broken.level} ${r.broken.requirement}` : r.level}] ${message} (${r.durationMs} ms)\n`,
      secrets,
    );
  };
  return {
    start(check: Check, count: number) {
      total = count;
      running.add(check.id);
      if (io.isTTY)
        io.stdout(
          `\r\x1b[2K[${done}/${total}] running ${[...running].slice(0, 3).join(', ')}${running.size > 3 ? ` +${running.size - 3}` : ''}`,
        );
    },
    result(r: CheckResult, finished: number, count: number) {
      done = finished;
      total = count;
      running.delete(r.id);
      if (io.isTTY)
        io.stdout(
          `\r\x1b[2K${paint(r)}[${done}/${total}] ${running.size ? `running ${[...running].slice(0, 3).join(', ')}` : ''}`,
        );
      else io.stdout(paint(r));
    },
    end() {
      if (io.isTTY) io.stdout('\r\x1b[2K');
    },
  };
}

/**
 * Every file the run writes, from the report redacted already (every string in it). The rendered JSON, XML or
 * HTML is not searched again: a short secret (`true`, `test`) replaced there broke the markup or renamed keys.
 */
async function writeOutputs(report: RunReport, flags: Flags, io: CliIO): Promise<string[]> {
  const problems: string[] = [];
  for (const [file, render] of outputsOf(flags)) {
    try {
      await writeFile(resolve(io.cwd, file), render(report));
    } catch (err) {
      // The others are still written: one bad path does not cost the reports that can be had.
      problems.push(`cannot write ${printable(file)}: ${writeFailure(err)}`);
    }
  }
  return problems;
}

/** Each report file asked for, with its writer. */
function outputsOf(flags: Flags): [string, (report: RunReport) => string][] {
  const all: [string | undefined, (report: RunReport) => string][] = [
    [flags.report, writeJsonReport],
    [flags.junit, writeJunitReport],
    [flags.html, renderHtml],
    [flags.badge, (r) => renderBadge(r)],
    [flags.badgeJson, (r) => writeBadgeJson(r)],
  ];
  return all.filter((o): o is [string, (report: RunReport) => string] => Boolean(o[0]));
}

/**
 * Before the run: each report path is not a directory, and its folder exists (made, as CI report folders are)
 * and is writable. A bad path found only after a run of minutes would cost the whole run.
 */
async function outputPathProblem(flags: Flags, io: CliIO): Promise<string | undefined> {
  for (const [file] of outputsOf(flags)) {
    const path = resolve(io.cwd, file);
    try {
      if ((await stat(path).catch(() => undefined))?.isDirectory())
        return `cannot write ${printable(file)}: it is a directory`;
      await mkdir(dirname(path), { recursive: true });
      await access(dirname(path), fsConstants.W_OK);
    } catch (err) {
      return `cannot write ${printable(file)}: ${writeFailure(err)}`;
    }
  }
  return undefined;
}

/** One exchange waits at most this long, as for `ebkit offers` (and well inside a timer's 2^31 ms). */
const MAX_TIMEOUT_MS = 600_000;
/** Node's timers hold at most 2^31 - 1 ms; a longer deadline would fire at once. */
const MAX_DEADLINE_S = Math.floor((2 ** 31 - 1) / 1000);

/** The smallest bare --timeout taken as milliseconds: below it, a user meant seconds (as the other commands take). */
const MIN_BARE_TIMEOUT_MS = 100;

/**
 * --timeout as milliseconds: a whole number of them, or with a unit (`500ms`, `5s`). A bare number under 100 is
 * refused rather than run: `--timeout 5` would give each request 5 ms and judge nothing, and every other command's
 * --timeout is in seconds.
 */
function timeoutOf(text: string): number | string {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  const ms = m?.[2] === 's' ? Math.round(n * 1000) : n;
  if (!m || !Number.isInteger(ms) || ms <= 0)
    return `--timeout must be a positive number of milliseconds, or a duration such as 5s or 500ms, got "${text}"`;
  if (ms > MAX_TIMEOUT_MS) return `--timeout must be at most 600s (600000 ms), got "${text}"`;
  if (m[2] === undefined && ms < MIN_BARE_TIMEOUT_MS)
    return `--timeout ${text} is ${text} milliseconds, too short for a broker to answer; write ${ms}s for seconds, or ${ms * 1000} (milliseconds)`;
  return ms;
}

/** 128 + SIGTERM, as a shell reports a process ended by it. */
const SIGTERM_EXIT = 143;

export const command: CommandModule = {
  register(program, io, done) {
    program
      .command('conformance')
      .description('Check a broker against the ExecutionBroker standard (no URL: start the embedded reference broker)')
      .argument('[url]', 'base URL of the broker under test')
      .option('--classes <list>', `comma-separated classes to run (${CHECK_CLASSES.join(', ')})`)
      .option('--skip-slow', 'leave out the slow expiry class')
      .option('--report <file>', 'write the JSON report')
      .option('--junit <file>', 'write a JUnit XML file')
      .option('--html <file>', 'write a self-contained HTML report')
      .option('--badge <file>', 'write an SVG badge')
      .option('--badge-json <file>', 'write the badge as shields.io endpoint JSON')
      .option(
        '--header <header>',
        `extra request header 'Name: value' (repeatable; its value is never written to a report or log, but for Accept*, Content-Type, User-Agent, Cache-Control, Pragma; not sent: ${[...PROBE_OWNED_HEADERS].join(', ')}, which each probe sets itself)`,
        collect,
        [],
      )
      .option('--user <name:password>', 'HTTP Basic credentials for every request but the VOSI ones (or EBKIT_USER)')
      .option('--token <token>', 'Bearer token for every request but the VOSI ones (or EBKIT_TOKEN)')
      .option('--timeout <ms>', 'per-request timeout: milliseconds, or with a unit (5s, 500ms)', '10000')
      .option(
        '--deadline <s>',
        'whole-run deadline in seconds: the one knob of time (waits for expiry and phases fit inside it)',
        '120',
      )
      .option(
        '--allow-origin <origin>',
        'another origin the broker may send the runner to (repeatable); the credentials go there too',
        collect,
        [],
      )
      .addOption(new Option('--concurrency <n>', 'checks run at once').default('8'))
      .addOption(
        new Option(
          '--format <format>',
          'what standard output carries: the text summary, or the JSON report (then alone: the line per check and the notes go to standard error)',
        )
          .choices(FORMATS)
          .default('text'),
      )
      .addOption(
        new Option(
          '--evidence <which>',
          'which checks keep request and answer headers and bodies in the reports: failing (did not pass) or all',
        )
          .choices(EVIDENCE_MODES)
          .default('failing'),
      )
      .addHelpText('after', EXIT_HELP)
      .action(async (url: string | undefined, flags: Flags) => {
        const filled = withEnvCredentials(flags, io.env);
        const parsed = filled.ok ? parseFlags(filled.flags) : filled.reason;
        if (typeof parsed === 'string') {
          io.stderr(`ebkit conformance: ${parsed}\n`);
          return done(EXIT.USAGE);
        }
        let target = url;
        if (target !== undefined) {
          try {
            const u = new URL(target);
            if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
            if (hasUserInfo(target)) {
              // Reports quote the target in every curl line: a password in it would be written everywhere.
              io.stderr(`ebkit conformance: ${urlCredentialsRefusal('the URL')}\n`);
              return done(EXIT.USAGE);
            }
          } catch {
            io.stderr(`ebkit conformance: "${displayUrl(target)}" is not an http(s) URL\n`);
            return done(EXIT.USAGE);
          }
        }
        const pathProblem = await outputPathProblem(flags, io);
        if (pathProblem) {
          io.stderr(`ebkit conformance: ${pathProblem}; nothing was run\n`);
          return done(EXIT.USAGE);
        }
        const json = flags.format === 'json';
        let broker: Awaited<ReturnType<typeof startEmbeddedBroker>> | undefined;
        // --deadline bounds the whole command: the reachability probe and broker start come out of it too.
        const startedAt = Date.now();
        let stopListening: (() => void) | undefined;
        try {
          if (target === undefined) {
            broker = await startEmbeddedBroker();
            target = broker.url;
            (json ? io.stderr : io.stdout)(`Started the embedded reference broker at ${target} (offers live 2 s)\n`);
          }
          for (const name of parsed.ignoredHeaders)
            io.stderr(
              `ebkit conformance: --header ${name} is not sent: each probe sets its own (the negotiation and error checks vary it, some send none)\n`,
            );
          const checks = selectChecks(ALL_CHECKS, parsed.classes, flags.skipSlow);
          if (checks.length === 0) {
            io.stderr('ebkit conformance: --classes expiry with --skip-slow selects no check; drop one of them\n');
            return done(EXIT.USAGE);
          }
          // With --format json, stdout is the report alone: the live lines go to stderr, as a pipe's reader wants.
          const live = progress(json ? { ...io, stdout: io.stderr, isTTY: false } : io, parsed.secrets);
          // Ctrl-C (or a CI runner's SIGTERM) ends the run as the deadline would: a summary of what ran, every
          // session settled, the reports written, exit 130 (143 for SIGTERM). A second signal is node's own: an
          // immediate exit.
          const interrupt = new AbortController();
          let signalled: 'SIGINT' | 'SIGTERM' | undefined;
          stopListening = io.onInterrupt?.((signal) => {
            signalled = signal;
            io.stderr(
              `ebkit conformance: interrupted (${signal}); settling the sessions made so far (${signal === 'SIGINT' ? 'Ctrl-C' : 'the signal'} again to quit at once)\n`,
            );
            interrupt.abort();
          });
          const raw = await runConformance({
            target,
            checks,
            signal: interrupt.signal,
            ...(parsed.classes ? { classes: parsed.classes } : {}),
            skipSlow: flags.skipSlow ?? false,
            ...(parsed.credentials ? { credentials: parsed.credentials } : {}),
            timeoutMs: parsed.timeoutMs,
            deadlineMs: Math.max(1_000, parsed.deadlineMs - (Date.now() - startedAt)),
            headers: parsed.headers,
            allowedOrigins: parsed.allowedOrigins,
            concurrency: parsed.concurrency,
            evidence: parsed.evidence,
            onStart: (c) => live.start(c, checks.length),
            onResult: (r, n, total) => live.result(r, n, total),
          });
          live.end();
          // No secret leaves the run: not in the summary, not in any file.
          const report = redactDeep(raw, parsed.secrets);
          // Nobody answers: said as before, and the reports are still written (a badge of "unreachable" replaces
          // the last one; a JUnit consumer finds a report), exit 2.
          if (report.notStarted?.kind === 'unreachable')
            io.stderr(
              `ebkit conformance: EBK_UNREACHABLE: ${displayUrl(target)}: ${printable(report.notStarted.reason.replace(/^the broker cannot be reached: /, ''))}\n`,
            );
          if (json) io.stdout(writeJsonReport(report));
          else io.stdout(redactText(writeTextSummary(report), parsed.secrets));
          const writeProblems = await writeOutputs(report, flags, io);
          for (const p of writeProblems) io.stderr(`ebkit conformance: ${p}\n`);
          if (writeProblems.length > 0) return done(CONFORMANCE_EXIT.USAGE);
          return done(report.interrupted && signalled === 'SIGTERM' ? SIGTERM_EXIT : exitCodeOf(report));
        } catch (err) {
          io.stderr(`ebkit conformance: ${errorMessage(err)}\n`);
          return done(EXIT.USAGE);
        } finally {
          stopListening?.();
          await broker?.close().catch(() => undefined);
        }
      });
  },
};
