/**
 * Packs the toolkit and installs the tarball into a fresh temporary project, once per test file that asks
 * (the install is the slow part). Everything the package tests run, runs there: not in the checkout.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The lowest port the kernel hands out for port 0 and outgoing connections (Linux: ip_local_port_range). */
function ephemeralFloor(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 2048 ? low : 32768;
  } catch {
    return 32768;
  }
}

/**
 * A port for a command that must be given a fixed one (a recipe says 8080): below the ephemeral range, so no
 * listener on port 0 and no outgoing connection of a concurrent test can take it between this check and the bind,
 * and free when checked. A port picked inside that range (as a pid-derived one was) was at times taken first.
 */
export async function fixedFreePort(): Promise<number> {
  const floor = ephemeralFloor();
  const span = Math.max(1, floor - 10_000);
  for (let i = 0; i < 50; i++) {
    const port = 10_000 + ((process.pid * 7 + i * 101) % span);
    const free = await new Promise<boolean>((done) => {
      const s = createServer();
      s.once('error', () => done(false));
      s.listen(port, '127.0.0.1', () => s.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port below ${floor}`);
}

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const PACKAGE = 'execution-broker-toolkit';

export interface Installed {
  work: string;
  project: string;
  /** node_modules/execution-broker-toolkit in the project. */
  pkg: string;
  tarball: string;
  files: string[];
  size: number;
  unpackedSize: number;
  installLog: string;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program, never throws: the exit code and both streams. */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string },
): Promise<RunResult> {
  return new Promise((done) => {
    const child = execFile(
      cmd,
      args,
      {
        cwd: opts.cwd,
        env: { ...process.env, NO_COLOR: '1', ...(opts.env ?? {}) },
        timeout: opts.timeoutMs ?? 120_000,
        maxBuffer: 64 << 20,
      },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : 99
          : 0;
        done({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** `npm pack` of the checkout (dist/ as built) and an install of the tarball with the repo's TypeScript. */
export async function packAndInstall(): Promise<Installed> {
  if (!existsSync(join(ROOT, 'dist', 'src', 'index.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'ebkit-package-'));
  const pack = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT });
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const info = (
    JSON.parse(pack.stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[]
  )[0]!;
  const project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  const version = (name: string): string =>
    (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const tarball = join(work, info.filename);
  // --ignore-scripts: better-sqlite3 is installed but not built, as when its native build fails.
  const install = await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      tarball,
      `typescript@${version('typescript')}`,
      `@types/node@${version('@types/node')}`,
    ],
    { cwd: project, timeoutMs: 300_000 },
  );
  if (install.code !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
  return {
    work,
    project,
    pkg: join(project, 'node_modules', PACKAGE),
    tarball,
    files: info.files.map((f) => f.path),
    size: info.size,
    unpackedSize: info.unpackedSize,
    installLog: `${install.stdout}\n${install.stderr}`,
  };
}

export function cleanup(installed: Installed | undefined): void {
  if (installed) rmSync(installed.work, { recursive: true, force: true });
}

/** `ebkit` of the installed package, run in the project. */
export function ebkit(
  installed: Installed,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  return run(join(installed.project, 'node_modules', '.bin', 'ebkit'), args, { cwd: installed.project, ...opts });
}

/** Starts a long-running command and resolves once a line matching `ready` appears on stdout. */
export function startLongRunning(
  cmd: string,
  args: string[],
  cwd: string,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<{ child: ChildProcess; match: RegExpExecArray; output: () => string }> {
  return new Promise((done, fail) => {
    // Its own process group: `npx ebkit serve` runs ebkit as a child of npx, and stop() must end both.
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      fail(new Error(`${cmd} did not become ready in ${timeoutMs} ms: ${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        done({ child, match: m, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${cmd} exited (${code}) before it was ready: ${out}`));
    });
  });
}

/** Stops a child started by startLongRunning and waits for it to exit. */
/** Signals a child started by startLongRunning and everything it started (its process group). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    child.kill(signal);
  }
}

export function stop(child: ChildProcess | undefined): Promise<void> {
  return new Promise((done) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      // The leader gone, what it started may still run (npx's ebkit): end the group all the same.
      if (child) killGroup(child, 'SIGTERM');
      return done();
    }
    child.removeAllListeners('exit');
    child.once('exit', () => {
      killGroup(child, 'SIGTERM');
      done();
    });
    killGroup(child, 'SIGTERM');
  });
}

/** A loopback HTTP server answering every request with `answer`. */
export async function cannedServer(
  answer: (method: string, url: string, body: string) => { status: number; type?: string; body: string },
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const a = answer(req.method ?? 'GET', req.url ?? '/', body);
      res.writeHead(a.status, { 'content-type': a.type ?? 'application/json' });
      res.end(a.body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (typeof addr !== 'object' || !addr) throw new Error('no address');
  return { url: `http://127.0.0.1:${addr.port}`, server };
}

/** The fenced code blocks of a Markdown section (from its heading to the next heading of the same level). */
export function codeBlocks(markdown: string, heading: string): { lang: string; text: string }[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const level = /^#+/.exec(heading)![0];
  const rest = markdown.slice(start + heading.length + 2);
  // The section ends at the next heading of its level or above (a `###` section ends at the next `##` too); a `#`
  // line inside a code block (a shell or YAML comment) is no heading.
  const headingLine = new RegExp(`^#{1,${level.length}} `);
  let inCode = false;
  let next = -1;
  for (let at = 0; at < rest.length;) {
    const end = rest.indexOf('\n', at);
    const line = rest.slice(at, end < 0 ? rest.length : end);
    if (line.startsWith('```')) inCode = !inCode;
    else if (!inCode && headingLine.test(line)) {
      next = at - 1;
      break;
    }
    if (end < 0) break;
    at = end + 1;
  }
  const section = next < 0 ? rest : rest.slice(0, next);
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));
}
