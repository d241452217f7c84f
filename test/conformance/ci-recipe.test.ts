import { spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lockPort } from '../support/port-lock.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/src/cli/bin.js');
const ACTION = join(ROOT, 'action/run.mjs');
const TOKEN = 'ci-recipe-secret-token-0123456789';

interface Step {
  run?: string;
  uses?: string;
  id?: string;
  with?: Record<string, string | number>;
}

/** The GitHub Actions workflow in the "In CI" section of the README, parsed. */
function recipe(): Step[] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(name: conformance\n[\s\S]*?)```/.exec(text);
  if (!block) throw new Error('README.md has no CI workflow block');
  const wf = parse(block[1] as string) as { jobs: Record<string, { steps: Step[] }> };
  return (Object.values(wf.jobs)[0] as { steps: Step[] }).steps;
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => s.close(() => resolve(true)));
    s.listen(port, '127.0.0.1');
  });
}

const shellQuote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the workflow's steps, as written, in one bash (so the broker started in the background by one step is
 * there for the next, as on a GitHub runner), in a fresh directory where `npx ebkit` resolves to this build.
 * `run:` steps run as they are, except the one installing the toolkit (this build is linked in its place). The
 * `uses: ./` step runs the way a runner runs the composite action.yml: `node action/run.mjs` with each `with:`
 * input as INPUT_<NAME> (the secret replaced by a test token), writing $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY.
 */
async function runRecipe(): Promise<{ code: number; out: string; dir: string; outputs: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-ci-'));
  const lines: string[] = [];
  let actionRan = false;
  for (const step of recipe()) {
    if (typeof step.run === 'string') {
      if (/^npm (ci|install)\b/.test(step.run.trim())) continue;
      lines.push(step.run);
    } else if (step.uses === './') {
      const env = Object.entries(step.with ?? {}).map(
        ([k, v]) =>
          `INPUT_${k.toUpperCase().replace(/-/g, '_')}=${shellQuote(String(v).replace('${{ secrets.BROKER_TOKEN }}', TOKEN))}`,
      );
      lines.push(`${env.join(' ')} ${shellQuote(process.execPath)} ${shellQuote(ACTION)}`);
      actionRan = true;
    }
  }
  expect(actionRan, 'the recipe runs the action of this repository (uses: ./)').toBe(true);
  writeFileSync(join(dir, 'package.json'), '{"name":"ci-recipe","private":true}\n');
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  // What npm links for the bin entry: an executable that runs this build.
  writeFileSync(
    join(dir, 'node_modules/.bin/ebkit'),
    `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(BIN)} "$@"\n`,
  );
  chmodSync(join(dir, 'node_modules/.bin/ebkit'), 0o755);
  const script = `set -e\n${lines.join('\n')}\n`;
  // Output goes to a file, as on a runner: the broker left in the background would hold a pipe open for ever.
  const log = openSync(join(dir, 'recipe.log'), 'w');
  const env = {
    ...process.env,
    NO_COLOR: '1',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: join(dir, 'github-output.txt'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  };
  const child = spawn('bash', ['-c', script], { cwd: dir, detached: true, stdio: ['ignore', log, log], env });
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  closeSync(log);
  const out = readFileSync(join(dir, 'recipe.log'), 'utf8');
  // The broker the recipe left in the background, and anything else of its process group.
  try {
    process.kill(-(child.pid as number), 'SIGTERM');
  } catch {
    /* already gone */
  }
  const outFile = join(dir, 'github-output.txt');
  const outputs = existsSync(outFile)
    ? Object.fromEntries(
        readFileSync(outFile, 'utf8')
          .trim()
          .split('\n')
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      )
    : {};
  return { code, out, dir, outputs };
}

describe('the README CI recipe, run as written against `ebkit serve` with its defaults', () => {
  it('conformance/README.md shows no recipe of its own: it points to the README one', () => {
    const text = readFileSync(join(ROOT, 'conformance/README.md'), 'utf8');
    expect(text).not.toMatch(/```yaml\nname: conformance\n/);
    expect(text).toMatch(/In CI: a compliance badge/);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toMatch(/^## In CI: a compliance badge$/m);
  });

  it('README.md: exits 0, passes a full run and writes every artifact the upload step names', async () => {
    expect(existsSync(BIN), 'run npm run build first').toBe(true);
    // The README's serve-and-conformance block (test/readme/commands.test.ts) listens on 8080 too.
    const unlock = await lockPort(8080);
    try {
      await recipeRun();
    } finally {
      unlock();
    }
  }, 480_000);
});

/** The recipe's run and everything it must leave behind (the caller holds port 8080). */
async function recipeRun(): Promise<void> {
  expect(await portFree(8080), 'the recipe listens on 8080, which something else holds').toBe(true);
  const { code, out, dir, outputs } = await runRecipe();
  expect(out).toMatch(/Every MUST check was judged and passed\./);
  expect(code, out.slice(-3000)).toBe(0);
  expect(outputs.verdict).toBe('pass');
  expect(outputs['exit-code']).toBe('0');
  // The upload step names the action's report-dir output; every report is in it.
  const upload = recipe().find((s) => s.uses?.startsWith('actions/upload-artifact'));
  expect(upload?.with?.path).toBe('${{ steps.conformance.outputs.report-dir }}');
  expect(outputs['report-dir']).toBe(join(dir, 'conformance-report'));
  for (const f of [
    'conformance.xml',
    'conformance.html',
    'conformance.svg',
    'conformance.json',
    'conformance-badge.json',
  ]) {
    expect(existsSync(join(outputs['report-dir']!, f)), f).toBe(true);
    expect(readFileSync(join(outputs['report-dir']!, f), 'utf8')).not.toContain(TOKEN);
  }
  // A full run: the badge and the summary may say conformant.
  expect(readFileSync(join(outputs['report-dir']!, 'conformance.svg'), 'utf8')).toContain('conformant');
  expect(JSON.parse(readFileSync(join(outputs['report-dir']!, 'conformance-badge.json'), 'utf8'))).toMatchObject({
    message: 'conformant',
  });
  expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/^## ExecutionBroker conformance: conformant\n/);
  expect(out).not.toContain(TOKEN);
  // Wait for the port to be given back.
  for (let i = 0; i < 50 && !(await portFree(8080)); i++) await new Promise((r) => setTimeout(r, 100));
}
