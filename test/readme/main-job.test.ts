/**
 * The README's first command, the main job, run exactly as written in a fresh clone of this repository:
 * `npm ci && npm start` installs, builds and runs the conformance suite against the embedded reference broker.
 * (The second command, `npm ci && npm test`, is what CI runs through .ci/run; commands.test.ts asserts that.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, readmeBlocks } from './blocks.js';

const MAIN_JOB = 'npm ci && npm start';

/**
 * better-sqlite3's install script first looks for a prebuilt binary (`prebuild-install`, which downloads it from
 * the project's GitHub releases on a machine that can), and compiles SQLite from source only when there is none:
 * over a minute of CPU here, where GitHub is out of reach. A user's `npm ci` gets the prebuilt binary; so does
 * this one, from a local-prebuilds directory (prebuild-install's `local-prebuilds` option) holding the binary
 * this checkout's own install made for the same better-sqlite3 version and Node ABI, under the name a download
 * would have. Without a built binary here, nothing is offered and the clone compiles, as before.
 */
const LOCAL_PREBUILDS = 'npm_config_better_sqlite3_local_prebuilds';

function prebuiltSqlite(): Record<string, string> {
  const pkgDir = join(REPO, 'node_modules/better-sqlite3');
  const binary = 'build/Release/better_sqlite3.node';
  if (!existsSync(join(pkgDir, binary))) return {};
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-prebuilds-'));
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const tar = spawnSync('tar', ['-czf', join(dir, name), '-C', pkgDir, binary], { encoding: 'utf8' });
  if (tar.status !== 0) return {};
  // The documented `better_sqlite3_local_prebuilds` npmrc variable, as an env config (npm warns it does not know
  // it, and passes it on). prebuild-install's own `prebuild-install_local-prebuilds` would not reach it: the
  // install script runs under sh, which drops environment names that are not identifiers.
  return { [LOCAL_PREBUILDS]: dir };
}

/** Runs a command without blocking this worker's event loop (vitest's RPC stays alive through a long install). */
function sh(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr });
    });
  });
}

describe('README main job', () => {
  it('is the first command of the README', () => {
    expect(readmeBlocks()[0]?.commands[0]).toBe(MAIN_JOB);
  });

  it('npm ci && npm start: exit 0 in a fresh clone, every MUST check passed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ebkit-main-job-'));
    const dir = join(root, 'clone');
    const prebuilt = prebuiltSqlite();
    try {
      const clone = await sh('git', ['clone', '--quiet', '--no-local', REPO, dir], { timeoutMs: 120_000 });
      expect(clone.status, clone.stderr).toBe(0);
      const r = await sh('bash', ['-c', MAIN_JOB], {
        cwd: dir,
        timeoutMs: 540_000,
        env: {
          ...process.env,
          ...prebuilt,
          npm_config_prefer_offline: 'true',
          npm_config_audit: 'false',
          npm_config_fund: 'false',
        },
      });
      expect({
        status: r.status,
        tail: r.status === 0 ? '' : `${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`,
      }).toEqual({ status: 0, tail: '' });
      expect(r.stdout).toMatch(/Every MUST check (passed|was judged and passed)/);
      if (prebuilt[LOCAL_PREBUILDS]) {
        // The optional native module is installed and loads: the clone has a working SQLite, as a user would.
        const sqlite = await sh(
          process.execPath,
          ['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get() || process.exit(1)"],
          { cwd: dir, timeoutMs: 30_000 },
        );
        expect(sqlite.status, sqlite.stderr).toBe(0);
      }
    } finally {
      // A clone with its node_modules is a third of a gigabyte.
      rmSync(root, { recursive: true, force: true });
      if (prebuilt[LOCAL_PREBUILDS]) rmSync(prebuilt[LOCAL_PREBUILDS], { recursive: true, force: true });
    }
  }, 600_000);
});
