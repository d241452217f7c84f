/**
 * Every command README.md shows is run here exactly as written (STYLE: "every command the README shows is run by
 * a test"). Each shell block runs in a fresh sandbox directory whose `node_modules` holds this checkout as the
 * installed package, so `npx ebkit …` resolves to it without the network. A README command with no case below,
 * or a case whose command the README no longer shows, fails the test: the two cannot drift apart.
 */
import { spawnSync } from 'node:child_process';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleText } from '../validate/helpers/corpus.js';
import { lockPort } from '../support/port-lock.js';
import { REPO, readmeBlocks } from './blocks.js';

interface Case {
  /** Exit code the command must end with. */
  readonly code: number;
  /** Files the command reads, as a user would have them. */
  readonly prepare?: (dir: string) => void;
  /** What the command must have produced. */
  readonly verify?: (out: { stdout: string; stderr: string; dir: string }) => void;
  /** Where it runs: the sandbox (default) or the checkout itself (commands a contributor runs in the repo). */
  readonly where?: 'sandbox' | 'repo';
  /** Why it is not spawned here, when something else runs it (e.g. CI itself). */
  readonly ranBy?: string;
}

const write = (dir: string, name: string, text: string | undefined): void => {
  if (text === undefined) throw new Error(`no text for ${name}`);
  writeFileSync(join(dir, name), text);
};
const offerset = (dir: string): void =>
  write(dir, 'offerset.yaml', exampleText('valid/offerset-yes-three-offers.yaml', 'yaml'));
const request = (dir: string): void =>
  write(dir, 'request.yaml', exampleText('valid/request-docker-ports-volumes.yaml', 'yaml'));
const oldRequest = (dir: string): void =>
  copyFileSync(join(REPO, 'test/fixtures/migrate/request-2025-11-curl.yaml'), join(dir, 'old-request.yaml'));

const CASES: Readonly<Record<string, Case>> = {
  'npm ci && npm test': {
    code: 0,
    ranBy: '.ci/run, which CI runs on a clean clone (asserted below to be exactly this command)',
  },
  'npm ci && npm start': {
    code: 0,
    ranBy: 'the "main job" test below, in a fresh clone',
  },
  'npx ebkit serve --port 8080 --db :memory: &': { code: 0 },
  'npx ebkit conformance http://127.0.0.1:8080 --junit r.xml --html r.html --badge b.svg --report r.json': {
    code: 0,
    verify: ({ dir }) => {
      for (const f of ['r.xml', 'r.html', 'b.svg', 'r.json']) expect(existsSync(join(dir, f))).toBe(true);
      expect((JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { summary: object }).summary).toBeDefined();
    },
  },
  'npm install execution-broker-toolkit': {
    code: 0,
    ranBy:
      'test/package/package.test.ts, which installs the packed tarball into a fresh project the same way (npm install <tarball>)',
  },
  'npm install --omit=optional execution-broker-toolkit': {
    code: 0,
    ranBy:
      'test/package/package.test.ts, which installs the packed tarball with --omit=optional and runs the commands without SQLite',
  },
  'npx ebkit validate offerset.yaml': {
    code: 0,
    prepare: offerset,
    verify: ({ stdout }) => expect(stdout).toMatch(/1 file/),
  },
  'npx ebkit validate --format sarif *.json > eb.sarif': {
    code: 0,
    prepare: (dir) => {
      write(dir, 'a.json', exampleText('valid/request-notebook-simple.yaml', 'json'));
      write(dir, 'b.json', exampleText('valid/offerset-yes-three-offers.yaml', 'json'));
    },
    verify: ({ dir }) => {
      const sarif = JSON.parse(readFileSync(join(dir, 'eb.sarif'), 'utf8')) as { version: string; runs: unknown[] };
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs).toHaveLength(1);
    },
  },
  'npx ebkit validate --against request.yaml offerset.yaml': {
    code: 0,
    prepare: (dir) => (request(dir), offerset(dir)),
  },
  'npx ebkit migrate --check old-request.yaml': {
    code: 1,
    prepare: oldRequest,
    verify: ({ stdout }) => expect(stdout).toContain('/compute/volumes/0'),
  },
  'npx ebkit migrate old-request.yaml > request.yaml': {
    code: 0,
    prepare: oldRequest,
    verify: ({ dir }) =>
      expect(readFileSync(join(dir, 'request.yaml'), 'utf8')).toContain('kinds/volume/simple-volume-mount.yaml'),
  },
  'npx ebkit compose developer.yaml packager.yaml publisher.yaml user.yaml > request.yaml': {
    code: 0,
    prepare: (dir) => {
      for (const [n, role] of ['developer', 'packager', 'publisher', 'user'].entries()) {
        copyFileSync(join(REPO, `spec/examples/compose/${n + 1}-${role}.yaml`), join(dir, `${role}.yaml`));
      }
    },
    verify: ({ dir }) => expect(readFileSync(join(dir, 'request.yaml'), 'utf8')).toContain('dr3-spectra'),
  },
  'npx ebkit lint-spec': { code: 0, verify: ({ stdout }) => expect(stdout).toContain('checks:') },
  'npx ebkit lint-spec --openapi ../upstream/execution-broker.yaml': {
    code: 1,
    // A small OpenAPI tree of another shape stands in for the working group's (which is not in this repository).
    prepare: (dir) => {
      mkdirSync(join(dir, '../upstream'), { recursive: true });
      copyFileSync(
        join(REPO, 'test/spec-tools/fixtures/foreign/api.yaml'),
        join(dir, '../upstream/execution-broker.yaml'),
      );
      copyFileSync(join(REPO, 'test/spec-tools/fixtures/foreign/schemas.yaml'), join(dir, '../upstream/schemas.yaml'));
    },
    verify: ({ stdout }) => expect(stdout).toMatch(/error/),
  },
  'npx ebkit diff old-schema/ new-schema/': {
    code: 0,
    prepare: (dir) => {
      cpSync(join(REPO, 'schema/json'), join(dir, 'old-schema'), { recursive: true });
      cpSync(join(REPO, 'schema/json'), join(dir, 'new-schema'), { recursive: true });
    },
  },
  'npx ebkit coverage': { code: 0, verify: ({ stdout }) => expect(stdout).toMatch(/requirements: \d+ covered/) },
  'npm run docs': { code: 0, where: 'repo' },
};

/** A directory where `npx ebkit` is this checkout, installed as a user would have it. */
function sandbox(): string {
  const root = mkdtempSync(join(tmpdir(), 'ebkit-readme-'));
  const dir = join(root, 'work');
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  // npm links a package's bin and marks it executable at install; do the same by hand.
  writeFileSync(
    join(dir, 'node_modules/.bin/ebkit'),
    `#!/bin/sh\nexec node ${JSON.stringify(join(REPO, 'dist/src/cli/bin.js'))} "$@"\n`,
    { mode: 0o755 },
  );
  return dir;
}

function runShell(command: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', command], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, npm_config_offline: 'true', NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const listening = (port: number): Promise<boolean> =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

/** Resolves once something listens on 127.0.0.1:port (a server the README starts with `&`). */
async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await listening(port)) return;
    if (Date.now() > until) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const blocks = readmeBlocks();

/** The "Using many brokers" block carries shell variables from line to line, so its own test runs it as one script. */
const MANY_BROKERS = blocks.find((b) => b.commands.some((c) => c.startsWith('npx ebkit offers ')));
const RAN_AS_ONE_SCRIPT = 'test/cli/readme-many-brokers.test.ts, which runs the whole block as one script, as written';
const cases: Record<string, Case> = { ...CASES };
for (const c of MANY_BROKERS?.commands ?? []) cases[c] = { code: 0, ranBy: RAN_AS_ONE_SCRIPT };
const shown = blocks.flatMap((b) => b.commands);

describe('README.md commands', () => {
  it('every command the README shows has a case here, and every case is still shown', () => {
    expect(shown.filter((c) => cases[c] === undefined)).toEqual([]);
    expect(Object.keys(CASES).filter((c) => !shown.includes(c))).toEqual([]);
  });

  it(".ci/run runs exactly the README's test command", () => {
    const lines = readFileSync(join(REPO, '.ci/run'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#') && !/^(set|cd) /.test(l));
    expect(lines).toEqual(['npm ci && npm test']);
    expect(blocks[0]?.commands).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  // One sandbox per block: its commands run in order, as a user pastes them; `cmd &` starts a server the next
  // commands use, stopped when the block ends.
  for (const block of blocks) {
    const runnable = block.commands.filter((c) => cases[c] !== undefined && cases[c]?.ranBy === undefined);
    if (runnable.length === 0) continue;
    it(`README.md:${block.line}: ${runnable.join(' ; ')}`, async () => {
      expect(existsSync(join(REPO, 'dist/src/cli/bin.js'))).toBe(true);
      const dir = sandbox();
      const servers: ReturnType<typeof spawn>[] = [];
      // Fixed ports the block names (`--port 8080`, `:8080`): test files run in parallel, and the CI recipe
      // (test/conformance/ci-recipe.test.ts) starts its broker on 8080 as well.
      const ports = [
        ...new Set([...runnable.join(' ').matchAll(/(?:--port\s+|:)(\d{4,5})\b/g)].map((m) => Number(m[1]))),
      ];
      const unlocks: (() => void)[] = [];
      for (const port of ports) unlocks.push(await lockPort(port));
      try {
        for (const command of runnable) {
          const c = cases[command] as Case;
          const cwd = c.where === 'repo' ? REPO : dir;
          c.prepare?.(cwd);
          if (command.endsWith('&')) {
            servers.push(
              spawn('bash', ['-c', command.slice(0, -1)], {
                cwd: dir,
                env: { ...process.env, npm_config_offline: 'true' },
                stdio: 'ignore',
                detached: true,
              }),
            );
            await waitForPort(Number(/--port\s+(\d+)/.exec(command)?.[1] ?? 8080));
            continue;
          }
          const r = runShell(command, cwd);
          // on a wrong status, the tail of both streams says why (a conformance run prints its verdicts to stdout)
          const wrong = r.status !== c.code;
          expect({
            command,
            status: r.status,
            stderr: wrong ? r.stderr.slice(-2000) : '',
            stdout: wrong ? r.stdout.slice(-3000) : '',
          }).toEqual({
            command,
            status: c.code,
            stderr: '',
            stdout: '',
          });
          c.verify?.({ stdout: r.stdout, stderr: r.stderr, dir: cwd });
        }
      } finally {
        for (const s of servers) if (s.pid !== undefined) process.kill(-s.pid, 'SIGTERM');
        // The next holder of the port finds it free.
        for (const port of ports)
          for (let i = 0; i < 50 && (await listening(port)); i++) await new Promise((r) => setTimeout(r, 100));
        for (const unlock of unlocks) unlock();
      }
    }, 240_000);
  }
});
