/**
 * The README's first command, the main job, run exactly as written in a fresh clone of this repository:
 * `npm ci && npm start` installs, builds and runs the conformance suite against the embedded reference broker.
 * (The second command, `npm ci && npm test`, is what CI runs through .ci/run; commands.test.ts asserts that.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, readmeBlocks } from './blocks.js';

const MAIN_JOB = 'npm ci && npm start';

describe('README main job', () => {
  it('is the first command of the README', () => {
    expect(readmeBlocks()[0]?.commands[0]).toBe(MAIN_JOB);
  });

  it('npm ci && npm start: exit 0 in a fresh clone, every MUST check passed', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ebkit-main-job-')), 'clone');
    const clone = spawnSync('git', ['clone', '--quiet', '--no-local', REPO, dir], { encoding: 'utf8' });
    expect(clone.status, clone.stderr).toBe(0);
    const r = spawnSync('bash', ['-c', MAIN_JOB], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 540_000,
      env: { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
    });
    expect({
      status: r.status,
      tail: r.status === 0 ? '' : `${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`,
    }).toEqual({ status: 0, tail: '' });
    expect(r.stdout).toMatch(/Every MUST check (passed|was judged and passed)/);
  }, 600_000);
});
