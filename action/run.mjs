#!/usr/bin/env node
// The script of action.yml: runs `ebkit conformance` with the action's inputs (INPUT_* variables), writes the
// outputs to $GITHUB_OUTPUT and a Markdown summary to $GITHUB_STEP_SUMMARY, and exits with ebkit's code.
// Plain JavaScript without dependencies: an action checked out from git has no build.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const input = (name) => (env[`INPUT_${name}`] ?? '').trim();

/** The ebkit to run: this package's build, the workspace's install, or the same version through npx. */
function ebkit(cwd) {
  const own = join(here, '..', 'dist', 'src', 'cli', 'bin.js');
  if (existsSync(own)) return [process.execPath, own];
  const local = join(cwd, 'node_modules', 'execution-broker-toolkit', 'dist', 'src', 'cli', 'bin.js');
  if (existsSync(local)) return [process.execPath, local];
  const { version } = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8'));
  return ['npx', '--yes', `execution-broker-toolkit@${version}`];
}

const escapeCell = (text) => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Every class of the suite, as the JSON report names them. */
const ALL_CLASSES = ['vosi', 'negotiation', 'core', 'lifecycle', 'expiry', 'errors'];

/**
 * The heading's verdict. It claims only what was run, like the badge: "conformant" only when ebkit's badge says so
 * (a full run in which every MUST check was judged and passed); a partial run names its classes.
 */
function headline(report, verdict, badgeMessage) {
  if (!report) return 'not run';
  if (report.notStarted) return `not run: ${report.notStarted.reason}`;
  const classes = report.classes ?? [];
  const every = ALL_CLASSES.every((c) => classes.includes(c));
  const scope = every
    ? 'every class, the slow checks left out'
    : `classes ${classes.join(', ')}${report.skipSlow ? ', slow checks left out' : ''}`;
  const full = every && !report.skipSlow;
  const partial = badgeMessage === 'conformant' || full ? '' : ` (a partial run: ${scope})`;
  if (verdict === 'pass') return partial ? `every MUST check passed${partial}` : 'conformant';
  if (verdict === 'fail') return `not conformant${partial}`;
  if (verdict === 'not-judged')
    return `not judged: no MUST check failed, but ${report.summary.mustNotRun} could not be judged${partial}`;
  return 'not run';
}

/** The job summary: verdict, one row per class, and every MUST check that did not pass or was not judged. */
export function summaryMarkdown(report, verdict, url, badgeMessage) {
  const lines = [`## ExecutionBroker conformance: ${headline(report, verdict, badgeMessage)}`, ''];
  if (!report) {
    lines.push(`The suite could not run against ${url}; see the step log.`, '');
    return `${lines.join('\n')}\n`;
  }
  const s = report.summary;
  lines.push(
    `Target \`${report.target}\`: ${s.mustPassed}/${s.mustTotal} MUST checks passed in ${report.durationMs} ms${report.deadlineHit ? ' (stopped by the deadline)' : ''}.`,
    '',
  );
  lines.push(
    '| class | pass | fail | warn | info | n/a | skip | error | MUST passed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const [cls, c] of Object.entries(report.byClass ?? {})) {
    lines.push(
      `| ${escapeCell(cls)} | ${c.passed} | ${c.failed} | ${c.warned} | ${c.info ?? 0} | ${c.notApplicable ?? 0} | ${c.skipped} | ${c.errors} | ${c.mustPassed}/${c.mustTotal} |`,
    );
  }
  const bad = (report.checks ?? []).filter(
    (c) => c.outcome === 'fail' || c.outcome === 'error' || (c.level === 'MUST' && c.outcome === 'skip'),
  );
  if (bad.length > 0) {
    lines.push('', '| check | outcome | level | requirements | message |', '| --- | --- | --- | --- | --- |');
    for (const c of bad)
      lines.push(
        `| ${escapeCell(c.id)} | ${c.outcome} | ${c.level} | ${escapeCell((c.requirements ?? []).join(', '))} | ${escapeCell(c.message ?? '')} |`,
      );
  }
  return `${lines.join('\n')}\n`;
}

function main() {
  const cwd = env.GITHUB_WORKSPACE && existsSync(env.GITHUB_WORKSPACE) ? env.GITHUB_WORKSPACE : process.cwd();
  const url = input('URL');
  if (!url) {
    process.stderr.write('execution-broker conformance: the url input is required\n');
    return 2;
  }
  const outDir = resolve(cwd, input('OUTPUT_DIR') || 'conformance-report');
  mkdirSync(outDir, { recursive: true });
  const files = {
    'report-json': join(outDir, 'conformance.json'),
    junit: join(outDir, 'conformance.xml'),
    html: join(outDir, 'conformance.html'),
    badge: join(outDir, 'conformance.svg'),
    'badge-json': join(outDir, 'conformance-badge.json'),
  };
  const args = [
    'conformance',
    url,
    '--report',
    files['report-json'],
    '--junit',
    files.junit,
    '--html',
    files.html,
    '--badge',
    files.badge,
    '--badge-json',
    files['badge-json'],
  ];
  args.push('--deadline', input('DEADLINE') || '120');
  if (input('CLASSES')) args.push('--classes', input('CLASSES'));
  if (input('SKIP_SLOW') === 'true') args.push('--skip-slow');
  const secrets = [];
  // The token goes in the environment (EBKIT_TOKEN), not the argument list that ps shows every user of the runner.
  const childEnv = { ...env, NO_COLOR: '1' };
  if (input('TOKEN')) {
    secrets.push(input('TOKEN'));
    childEnv.EBKIT_TOKEN = input('TOKEN');
  }
  if (input('HEADER')) {
    secrets.push(input('HEADER').replace(/^[^:]*:\s*/, ''));
    args.push('--header', input('HEADER'));
  }
  // Credentials never reach the log: GitHub masks each value announced this way.
  if (env.GITHUB_ACTIONS === 'true') for (const s of secrets) if (s) process.stdout.write(`::add-mask::${s}\n`);
  const [cmd, ...pre] = ebkit(cwd);
  const run = spawnSync(cmd, [...pre, ...args], { cwd, stdio: 'inherit', env: childEnv });
  const code = run.status ?? 2;
  // ebkit conformance exits 0 (every MUST check judged and passed), 1 (a MUST check failed), 2 (bad input, the
  // broker unreachable) or 3 (no MUST check failed, but some could not be judged).
  const verdict = code === 0 ? 'pass' : code === 1 ? 'fail' : code === 3 ? 'not-judged' : 'error';
  const readJson = (file) => {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return undefined;
    }
  };
  const report = readJson(files['report-json']);
  const badgeMessage = readJson(files['badge-json'])?.message;
  if (env.GITHUB_STEP_SUMMARY)
    appendFileSync(env.GITHUB_STEP_SUMMARY, summaryMarkdown(report, verdict, url, badgeMessage));
  if (env.GITHUB_OUTPUT) {
    const outputs = { verdict, 'exit-code': String(code), 'report-dir': outDir, ...files };
    appendFileSync(
      env.GITHUB_OUTPUT,
      Object.entries(outputs)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
  }
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
