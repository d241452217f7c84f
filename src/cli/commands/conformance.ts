import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option } from 'commander';
import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import { HttpClient } from '../../client/index.js';
import { renderHtml } from '../../report/html.js';
import { renderBadge } from '../../report/badge.js';
import { writeBadgeJson } from '../../report/badge-json.js';
import { writeJunitReport } from '../../../conformance/junit.js';
import { ALL_CHECKS, CHECK_CLASSES, exitCodeOf, runConformance, selectChecks } from '../../../conformance/index.js';
import type { Check, CheckClass, CheckResult, RunReport } from '../../../conformance/index.js';
import { startEmbeddedBroker } from '../../../conformance/embedded.js';
import { errorMessage } from '../../util/index.js';

interface Flags {
  classes?: string;
  skipSlow?: boolean;
  report?: string;
  junit?: string;
  html?: string;
  badge?: string;
  badgeJson?: string;
  header: string[];
  timeout: string;
  deadline: string;
  allowOrigin: string[];
  concurrency: string;
}

const ICON: Record<CheckResult['outcome'], string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP', error: 'ERR ' };
const COLOUR: Record<CheckResult['outcome'], string> = { pass: '32', fail: '31', warn: '33', skip: '90', error: '35' };

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Parses the flags; a string is a usage error message. */
export function parseFlags(flags: Flags): string | { classes?: CheckClass[]; headers: Record<string, string>; timeoutMs: number; deadlineMs: number; concurrency: number; allowedOrigins: string[] } {
  let classes: CheckClass[] | undefined;
  if (flags.classes !== undefined) {
    const names = flags.classes.split(',').map((c) => c.trim()).filter(Boolean);
    const unknown = names.filter((n) => !(CHECK_CLASSES as readonly string[]).includes(n));
    if (unknown.length > 0 || names.length === 0) return `--classes: unknown class ${unknown.join(', ') || '(none given)'}; known: ${CHECK_CLASSES.join(', ')}`;
    classes = names as CheckClass[];
  }
  const headers: Record<string, string> = {};
  for (const h of flags.header) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(h);
    if (!m) return `--header "${h}" is not of the form 'Name: value'`;
    headers[(m[1] as string).toLowerCase()] = m[2] as string;
  }
  const timeoutMs = Number(flags.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) return `--timeout must be a positive number of milliseconds, got "${flags.timeout}"`;
  const deadlineS = Number(flags.deadline);
  if (!Number.isFinite(deadlineS) || deadlineS <= 0) return `--deadline must be a positive number of seconds, got "${flags.deadline}"`;
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) return `--concurrency must be an integer from 1 to 64, got "${flags.concurrency}"`;
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
  return { ...(classes ? { classes } : {}), headers, timeoutMs, deadlineMs: deadlineS * 1000, concurrency, allowedOrigins };
}

/** A live list on a terminal (running checks on a status line), plain lines otherwise. */
function progress(io: CliIO) {
  const running = new Set<string>();
  let done = 0;
  let total = 0;
  const paint = (r: CheckResult) => {
    const tag = io.isTTY ? `\x1b[${COLOUR[r.outcome]}m${ICON[r.outcome]}\x1b[0m` : ICON[r.outcome];
    return `${tag} ${r.id} [${r.level}] ${r.message} (${r.durationMs} ms)\n`;
  };
  return {
    start(check: Check, count: number) {
      total = count;
      running.add(check.id);
      if (io.isTTY) io.stdout(`\r\x1b[2K[${done}/${total}] running ${[...running].slice(0, 3).join(', ')}${running.size > 3 ? ` +${running.size - 3}` : ''}`);
    },
    result(r: CheckResult, finished: number, count: number) {
      done = finished;
      total = count;
      running.delete(r.id);
      if (io.isTTY) io.stdout(`\r\x1b[2K${paint(r)}[${done}/${total}] ${running.size ? `running ${[...running].slice(0, 3).join(', ')}` : ''}`);
      else io.stdout(paint(r));
    },
    end() {
      if (io.isTTY) io.stdout('\r\x1b[2K');
    },
  };
}

function summaryText(report: RunReport): string {
  const rows = Object.entries(report.byClass).map(
    ([cls, s]) => `  ${cls.padEnd(12)} ${String(s.passed).padStart(4)} ${String(s.failed).padStart(4)} ${String(s.warned).padStart(4)} ${String(s.skipped).padStart(4)} ${String(s.errors).padStart(5)}   ${s.mustPassed}/${s.mustTotal}`,
  );
  const s = report.summary;
  const lines = [
    '',
    `Target ${report.target} — ${report.durationMs} ms${report.deadlineHit ? ' (stopped by the run deadline)' : ''}`,
    '  class        pass fail warn skip error   MUST passed',
    ...rows,
    `  ${'total'.padEnd(12)} ${String(s.passed).padStart(4)} ${String(s.failed).padStart(4)} ${String(s.warned).padStart(4)} ${String(s.skipped).padStart(4)} ${String(s.errors).padStart(5)}   ${s.mustPassed}/${s.mustTotal}`,
  ];
  if (s.mustNotRun > 0) lines.push(`${s.mustNotRun} MUST check(s) were not run (error or skipped precondition): not counted as passed.`);
  for (const l of report.leftovers) lines.push(`Not cleaned up: ${l.url} (${l.reason})`);
  lines.push(s.mustPassed === s.mustTotal ? 'Every MUST check passed.' : `${s.mustTotal - s.mustPassed} MUST check(s) did not pass.`);
  return `${lines.join('\n')}\n`;
}

async function writeOutputs(report: RunReport, flags: Flags, io: CliIO): Promise<string | undefined> {
  const out: [string | undefined, () => string | Promise<string>][] = [
    [flags.report, () => `${JSON.stringify({ target: report.target, startedAt: report.startedAt, summary: report.summary, checks: report.checks, byClass: report.byClass, leftovers: report.leftovers, durationMs: report.durationMs, deadlineHit: report.deadlineHit }, null, 2)}\n`],
    [flags.junit, () => writeJunitReport(report)],
    [flags.html, () => renderHtml(report)],
    [flags.badge, () => renderBadge(report.summary)],
    [flags.badgeJson, () => writeBadgeJson(report.summary)],
  ];
  for (const [file, render] of out) {
    if (!file) continue;
    try {
      await writeFile(resolve(io.cwd, file), await render());
    } catch (err) {
      return `cannot write ${file}: ${errorMessage(err)}`;
    }
  }
  return undefined;
}

/** Whether anything answers at the target (any HTTP status counts); a refused or unresolvable host does not. */
async function reachable(target: string, headers: Record<string, string>, timeoutMs: number): Promise<string | undefined> {
  const client = new HttpClient(target, { timeoutMs, headers, maxBytes: 1024 * 1024 });
  try {
    const r = await client.request({ method: 'GET', url: new URL('availability', `${target.replace(/\/$/, '')}/`).href, parse: false });
    if (!r.ok && (r.failure.kind === 'refused' || r.failure.kind === 'bad-url' || r.failure.kind === 'network')) return r.failure.message;
    return undefined;
  } finally {
    await client.close();
  }
}

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
      .option('--header <header>', "extra request header 'Name: value' (repeatable)", collect, [])
      .option('--timeout <ms>', 'per-request timeout in milliseconds', '10000')
      .option('--deadline <s>', 'whole-run deadline in seconds', '120')
      .option('--allow-origin <origin>', 'another origin the broker may send the runner to (repeatable)', collect, [])
      .addOption(new Option('--concurrency <n>', 'checks run at once').default('8'))
      .action(async (url: string | undefined, flags: Flags) => {
        const parsed = parseFlags(flags);
        if (typeof parsed === 'string') {
          io.stderr(`ebkit conformance: ${parsed}\n`);
          return done(EXIT.USAGE);
        }
        let target = url;
        if (target !== undefined) {
          try {
            const u = new URL(target);
            if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
          } catch {
            io.stderr(`ebkit conformance: "${target}" is not an http(s) URL\n`);
            return done(EXIT.USAGE);
          }
        }
        let broker: Awaited<ReturnType<typeof startEmbeddedBroker>> | undefined;
        // --deadline bounds the whole command: the reachability probe and broker start come out of it too.
        const startedAt = Date.now();
        try {
          if (target === undefined) {
            broker = await startEmbeddedBroker();
            target = broker.url;
            io.stdout(`Started the embedded reference broker at ${target} (offers live 2 s)\n`);
          } else {
            const problem = await reachable(target, parsed.headers, Math.max(1, Math.min(parsed.timeoutMs, 10_000, Math.floor(parsed.deadlineMs / 4))));
            if (problem) {
              io.stderr(`ebkit conformance: EBK_UNREACHABLE: ${target}: ${problem}\n`);
              return done(EXIT.USAGE);
            }
          }
          const checks = selectChecks(ALL_CHECKS, parsed.classes, flags.skipSlow);
          const live = progress(io);
          const report = await runConformance({
            target,
            checks,
            timeoutMs: parsed.timeoutMs,
            deadlineMs: Math.max(1_000, parsed.deadlineMs - (Date.now() - startedAt)),
            headers: parsed.headers,
            allowedOrigins: parsed.allowedOrigins,
            concurrency: parsed.concurrency,
            onStart: (c) => live.start(c, checks.length),
            onResult: (r, n, total) => live.result(r, n, total),
          });
          live.end();
          io.stdout(summaryText(report));
          const writeProblem = await writeOutputs(report, flags, io);
          if (writeProblem) {
            io.stderr(`ebkit conformance: ${writeProblem}\n`);
            return done(EXIT.USAGE);
          }
          return done(exitCodeOf(report));
        } catch (err) {
          io.stderr(`ebkit conformance: ${errorMessage(err)}\n`);
          return done(EXIT.USAGE);
        } finally {
          await broker?.close().catch(() => undefined);
        }
      });
  },
};
