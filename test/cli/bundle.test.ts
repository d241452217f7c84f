import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../validate/helpers/schema-facts.js';
import { exampleText } from '../validate/helpers/corpus.js';

/** The bundled CLI that `npm run build` writes (scripts/bundle-cli.mjs) and dist/src/cli/bin.js runs. */
const DIST = join(ROOT, 'dist/src/cli');
const BIN = join(DIST, 'bin.js');
const LOADER = join(DIST, 'bundle-loader.js');
const exec = promisify(execFile);
const built = existsSync(join(DIST, 'ebkit.cjs')) && existsSync(LOADER);

async function ebkit(args: string[], nodeFlags: string[] = []) {
  try {
    const r = await exec(process.execPath, [...nodeFlags, BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.skipIf(!built)('the bundled CLI (dist/src/cli/ebkit.cjs with its code cache)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const yaml = join(dir, 'request.yaml');
  const xml = join(dir, 'request.xml');
  writeFileSync(yaml, exampleText('valid/request-docker-ports-volumes.yaml', 'yaml')!);
  writeFileSync(xml, exampleText('valid/request-docker-ports-volumes.yaml', 'xml')!);

  it('loads with the cache the build wrote, which this Node accepts', async () => {
    type Loader = typeof import('../../src/cli/bundle-loader.js');
    const { bundlePaths, loadBundle } = (await import(LOADER)) as Loader;
    const { bundle, cache } = bundlePaths(DIST);
    expect(existsSync(cache)).toBe(true);
    const loaded = loadBundle(bundle, cache);
    expect(loaded?.script).toBeDefined();
    expect(loaded?.cacheRejected).toBe(false);
    expect(typeof loaded?.entry.cli).toBe('function');
  });

  it('validates YAML and XML (the XSD engines load through the import the bundle is handed)', async () => {
    const r = await ebkit(['validate', yaml, xml]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('2 files: 2 valid');
    expect(r.code).toBe(0);
  }, 120_000);

  it('runs a command that stays outside the bundle', async () => {
    const r = await ebkit(['migrate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ebkit migrate');
  }, 120_000);

  it('with --enable-source-maps, stack frames of the bundle point at src/', async () => {
    const probe = join(dir, 'probe.mjs');
    writeFileSync(
      probe,
      `const { bundlePaths, loadBundle } = await import(${JSON.stringify(LOADER)});
const { bundle, cache } = bundlePaths(${JSON.stringify(DIST)});
const { entry } = loadBundle(bundle, cache);
// stdout that is not a function makes runValidate fail; its stderr line is printed with the stack of the call.
const io = { ...entry.processIO(), stdout: undefined, stderr: () => console.log(new Error('probe').stack) };
await entry.cli(['validate', ${JSON.stringify(yaml)}], io);
`,
    );
    const mapped = await exec(process.execPath, ['--enable-source-maps', probe]);
    expect(mapped.stdout).toMatch(/src\/cli\/commands\/validate\.ts:\d+/);
    const plain = await exec(process.execPath, [probe]);
    expect(plain.stdout).toContain('ebkit.cjs');
  }, 120_000);

  it('an XML validate runs the fast-xml-parser inside the bundle; --help and a YAML validate load no child_process', async () => {
    const probe = join(dir, 'loaded.mjs');
    writeFileSync(
      probe,
      `import { createRequire } from 'node:module';
const { bundlePaths, loadBundle } = await import(${JSON.stringify(LOADER)});
const { bundle, cache } = bundlePaths(${JSON.stringify(DIST)});
const { entry } = loadBundle(bundle, cache);
const quiet = { ...entry.processIO(), stdout: () => {}, stderr: (t) => process.stderr.write(t) };
const childProcess = () => process.moduleLoadList.includes('NativeModule child_process');
const seen = {};
seen.help = [await entry.cli(['--help'], quiet), childProcess()];
seen.yaml = [await entry.cli(['validate', ${JSON.stringify(yaml)}], quiet), childProcess()];
seen.xml = [await entry.cli(['validate', ${JSON.stringify(xml)}], quiet)];
const cached = Object.keys(createRequire(import.meta.url).cache);
seen.fxpFromNodeModules = cached.some((f) => f.includes('fast-xml-parser'));
console.log(JSON.stringify(seen));
`,
    );
    const r = await exec(process.execPath, [probe], { env: { ...process.env, EBKIT_XSD_ENGINE: '' } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      help: [0, false],
      yaml: [0, false],
      xml: [0],
      fxpFromNodeModules: false,
    });
  }, 120_000);
});
