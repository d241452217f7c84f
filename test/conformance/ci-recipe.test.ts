import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/src/cli/bin.js');

/** The GitHub Actions workflow in the "CI" section of a README, parsed. */
function recipe(readme: string): { steps: { run?: string; uses?: string }[] } {
  const text = readFileSync(join(ROOT, readme), 'utf8');
  const block = /```yaml\n(name: conformance\n[\s\S]*?)```/.exec(text);
  if (!block) throw new Error(`${readme} has no CI workflow block`);
  const wf = parse(block[1] as string) as { jobs: Record<string, { steps: { run?: string; uses?: string }[] }> };
  return Object.values(wf.jobs)[0] as { steps: { run?: string; uses?: string }[] };
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer().once('error', () => resolve(false)).once('listening', () => s.close(() => resolve(true)));
    s.listen(port, '127.0.0.1');
  });
}

/**
 * Runs the workflow's `run:` steps, as written, in one bash (so the broker started in the background by one step
 * is there for the next, as on a GitHub runner), in a fresh directory where `npx ebkit` resolves to this build.
 * `npm ci` is the one step left out: the dependencies are installed already.
 */
async function runRecipe(readme: string): Promise<{ code: number; out: string; dir: string }> {
  const { steps } = recipe(readme);
  const runs = steps.map((s) => s.run).filter((r): r is string => typeof r === 'string' && r.trim() !== 'npm ci');
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-ci-'));
  writeFileSync(join(dir, 'package.json'), '{"name":"ci-recipe","private":true}\n');
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(BIN, join(dir, 'node_modules/.bin/ebkit'));
  const script = `set -e\n${runs.join('\n')}\n`;
  // Output goes to a file, as on a runner: the broker left in the background would hold a pipe open for ever.
  const log = openSync(join(dir, 'recipe.log'), 'w');
  const child = spawn('bash', ['-c', script], { cwd: dir, detached: true, stdio: ['ignore', log, log], env: { ...process.env, NO_COLOR: '1' } });
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  closeSync(log);
  const out = readFileSync(join(dir, 'recipe.log'), 'utf8');
  // The broker the recipe left in the background, and anything else of its process group.
  try {
    process.kill(-(child.pid as number), 'SIGTERM');
  } catch {
    /* already gone */
  }
  return { code, out, dir };
}

describe('the README CI recipes, run as written against `ebkit serve` with its defaults', () => {
  for (const readme of ['conformance/README.md', 'README.md']) {
    it(`${readme}: exits 0 and writes every artifact the upload step names`, async () => {
      expect(existsSync(BIN), 'run npm run build first').toBe(true);
      expect(await portFree(8080), 'the recipe listens on 8080, which something else holds').toBe(true);
      const { code, out, dir } = await runRecipe(readme);
      expect(out).toMatch(/Every MUST check was judged and passed\./);
      expect(code, out.slice(-3000)).toBe(0);
      for (const f of ['conformance.xml', 'conformance.html', 'conformance.svg', 'conformance.json']) expect(existsSync(join(dir, f)), f).toBe(true);
      expect(readFileSync(join(dir, 'conformance.svg'), 'utf8')).toContain('conformant');
      // Wait for the port to be given back before the next recipe.
      for (let i = 0; i < 50 && !(await portFree(8080)); i++) await new Promise((r) => setTimeout(r, 100));
    }, 180_000);
  }
});
