/**
 * The tarball `npm pack` makes (its lifecycle scripts run, as for `npm publish`) declares no install-time script:
 * npm ≥ 11.16 lists a dependency with one, `prepare` included, as an install script for its user to review. The
 * clone keeps its `prepare` (`npm ci` builds dist/). Packed in a copy of the checkout: the pack builds, and a build
 * here would rewrite dist/ under the tests that run it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run } from './helpers.js';

const INSTALL_TIME = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];
const SKIPPED = new Set(['node_modules', '.git', 'docs-dist', 'coverage', 'test-output']);

let work: string;
let copy: string;
const original = readFileSync(join(ROOT, 'package.json'));

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ebkit-pack-manifest-'));
  copy = join(work, 'checkout');
  cpSync(ROOT, copy, { recursive: true, filter: (src) => !SKIPPED.has(src.slice(ROOT.length + 1).split('/')[0]!) });
  // Its own node_modules of links to the checkout's packages: the original the pack keeps aside goes in there.
  mkdirSync(join(copy, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules')))
    if (entry !== '.ebkit-pack') symlinkSync(join(ROOT, 'node_modules', entry), join(copy, 'node_modules', entry));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const scriptsOf = (json: string): Record<string, string> =>
  (JSON.parse(json) as { scripts?: Record<string, string> }).scripts ?? {};

describe('the packed manifest', () => {
  it('the clone declares prepare; the tarball npm pack makes declares no install-time script; the clone is left as it was', async () => {
    expect(scriptsOf(original.toString('utf8')).prepare).toBe('npm run build');
    const r = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: copy, timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    const { filename } = (JSON.parse(r.stdout) as { filename: string }[])[0]!;
    const packed = execFileSync('tar', ['-xOzf', join(work, filename), 'package/package.json'], { encoding: 'utf8' });
    const scripts = scriptsOf(packed);
    expect(INSTALL_TIME.filter((s) => s in scripts)).toEqual([]);
    // What only the clone uses went (its scripts name files the tarball does not hold); the rest is the clone's.
    const cloneOnly = ['scripts', 'devDependencies', 'overrides', 'allowScripts'];
    const shipped = JSON.parse(packed) as Record<string, unknown>;
    expect(cloneOnly.filter((k) => k in shipped)).toEqual([]);
    const clone = JSON.parse(original.toString('utf8')) as Record<string, unknown>;
    expect('devDependencies' in clone).toBe(true);
    for (const k of cloneOnly) delete clone[k];
    expect(shipped).toEqual(clone);
    expect(readFileSync(join(copy, 'package.json')).equals(original)).toBe(true);
    expect(existsSync(join(copy, 'node_modules', '.ebkit-pack', 'package.json'))).toBe(false);
  }, 300_000);

  it('a pack stopped after strip loses nothing: the next strip puts the original back first, restore gives it byte for byte', () => {
    const script = join(copy, 'scripts', 'pack-manifest.mjs');
    const manifest = (): string => readFileSync(join(copy, 'package.json'), 'utf8');
    execFileSync(process.execPath, [script, 'strip'], { cwd: copy });
    expect(scriptsOf(manifest()).prepare).toBeUndefined();
    // the pack died here; the next one starts, and says what it put back
    const next = spawnSync(process.execPath, [script, 'strip'], { cwd: copy, encoding: 'utf8' });
    expect(next.status).toBe(0);
    expect(next.stderr).toContain('put back package.json');
    expect(scriptsOf(manifest()).prepare).toBeUndefined();
    execFileSync(process.execPath, [script, 'restore'], { cwd: copy });
    expect(readFileSync(join(copy, 'package.json')).equals(original)).toBe(true);
    expect(existsSync(join(copy, 'node_modules', '.ebkit-pack', 'package.json'))).toBe(false);
  });

  it('a manifest edited after a pack that did not finish is left as edited, and the developer told', () => {
    const script = join(copy, 'scripts', 'pack-manifest.mjs');
    execFileSync(process.execPath, [script, 'strip'], { cwd: copy });
    // the pack died; then a dependency was added
    const edited = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as Record<string, unknown>;
    edited.description = 'edited after the pack';
    writeFileSync(join(copy, 'package.json'), `${JSON.stringify(edited, null, 2)}\n`);
    const next = spawnSync(process.execPath, [script, 'strip'], { cwd: copy, encoding: 'utf8' });
    expect(next.status).toBe(0);
    expect(next.stderr).toContain('it is left as it is: check its scripts.prepare');
    expect(JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8'))).toMatchObject({
      description: 'edited after the pack',
    });
    execFileSync(process.execPath, [script, 'restore'], { cwd: copy });
    expect((JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as Record<string, unknown>).description).toBe(
      'edited after the pack',
    );
    writeFileSync(join(copy, 'package.json'), original);
  });
});
