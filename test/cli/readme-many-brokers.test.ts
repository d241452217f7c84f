import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as toolkit from '../../src/index.js';

const ROOT = join(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(
  README.indexOf('## Using many brokers'),
  README.indexOf('\n## ', README.indexOf('## Using many brokers') + 3),
);
const block = (lang: string): string => {
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(SECTION);
  if (!m) throw new Error(`README "Using many brokers" has no ${lang} block`);
  return m[1]!;
};

/**
 * Runs the section's shell block as written, as the README sandbox does: in an empty directory where `npx ebkit`
 * is this checkout's build, every command ending in `&` started in the background and waited for by its `--port`.
 */
function script(sh: string): string {
  const out = ['set -euo pipefail'];
  for (const line of sh.split('\n')) {
    out.push(line);
    const port = /--port (\d+).*&\s*$/.exec(line)?.[1];
    if (port) {
      out.push(
        `node -e 'const n=require("net");let i=0;(function t(){const s=n.connect(${port},"127.0.0.1",()=>{s.end();process.exit(0)});s.on("error",()=>{if(++i>100)process.exit(1);setTimeout(t,100)})})()'`,
      );
    }
  }
  return out.join('\n') + '\n';
}

/** True when nothing listens on the port (else the block would silently talk to an older server). */
function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createServer();
    s.once('error', () => done(false));
    s.listen(port, '127.0.0.1', () => s.close(() => done(true)));
  });
}

/** Runs `text` with bash in its own process group; when bash ends, the servers it left in the background are stopped. */
function runScript(text: string, cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['-c', text], {
      cwd,
      detached: true,
      env: { ...process.env, npm_config_offline: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => void (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => void (stderr += b.toString()));
    const stopAll = (): void => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // the group is already gone
      }
    };
    const limit = setTimeout(stopAll, 90_000);
    child.on('exit', (status) => {
      clearTimeout(limit);
      stopAll();
      setTimeout(() => done({ status, stdout, stderr }), 100);
    });
  });
}

describe('README "Using many brokers"', () => {
  it('its shell block runs as written: offers compared, one accepted and watched to COMPLETED, one accepted and cancelled', async () => {
    const bin = join(ROOT, 'dist/src/cli/bin.js');
    expect(existsSync(bin), 'run npm run build first').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-readme-many-'));
    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"name": "readme-sandbox", "private": true}\n');
    writeFileSync(join(dir, 'node_modules/.bin/ebkit'), `#!/bin/sh\nexec node ${JSON.stringify(bin)} "$@"\n`, {
      mode: 0o755,
    });
    // The library snippet runs too, as written, once the shell block is done and its brokers still listen: the
    // package resolves to this checkout.
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(ROOT, join(dir, 'node_modules/execution-broker-toolkit'), 'dir');
    writeFileSync(join(dir, 'many.mjs'), block('js'));
    const sh = block('sh');
    for (const port of [...sh.matchAll(/--port (\d+)/g)].map((m) => Number(m[1])))
      expect(await portFree(port), `port ${port} is busy`).toBe(true);
    const r = await runScript(`${script(sh)}echo '--- many.mjs'\nnode many.mjs\n`, dir);
    expect(r.stderr).not.toMatch(/internal error|at \S+ \(/);
    expect(r.status, `stderr:\n${r.stderr}\nstdout:\n${r.stdout}`).toBe(0);
    const all = r.stdout.split('\n');
    const lines = all.slice(0, all.indexOf('--- many.mjs'));
    expect(lines.filter((l) => l.startsWith('broker  offer  '))).toHaveLength(2);
    expect(lines.filter((l) => /^[ab] {7}\/sessions\/[0-9a-f]{8} /.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(
      lines.some((l) =>
        /^would accept http:\/\/127\.0\.0\.1:808[12]\/sessions\/\S+ \(from [ab], start .*\); add --yes to accept it$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(
      lines.filter((l) => / (ACCEPTED|WAITING|PREPARING|AVAILABLE|RUNNING|RELEASING|COMPLETED)$/.test(l)).at(-1),
    ).toMatch(/Z COMPLETED$/);
    expect(lines.some((l) => /^(ACCEPTED|WAITING|PREPARING) http:\/\/127\.0\.0\.1:8082\/sessions\//.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => /^CANCELLED http:\/\/127\.0\.0\.1:8082\/sessions\//.test(l))).toBe(true);
    // The cost broker a quotes heads the cost order; b quotes none.
    const table = lines.slice(lines.findIndex((l) => l.startsWith('broker  offer  ')));
    expect(table[0]).toMatch(/ EUR|monetary/);
    expect(table[1]).toMatch(/^a /);
    // The snippet: its own table, the cheapest offer (broker a's) accepted and watched to the end.
    const snippet = all.slice(all.indexOf('--- many.mjs') + 1);
    expect(snippet.some((l) => l.startsWith('broker  offer  '))).toBe(true);
    expect(snippet.filter((l) => l.trim() !== '').at(-1)).toBe('completed');
  });

  it('its library snippet imports only what the package exports', () => {
    const names = /import \{([^}]+)\} from 'execution-broker-toolkit'/
      .exec(block('js'))![1]!
      .split(',')
      .map((n) => n.trim());
    expect(names.length).toBeGreaterThan(3);
    for (const n of names) expect(typeof (toolkit as Record<string, unknown>)[n], n).toBe('function');
  });
});
