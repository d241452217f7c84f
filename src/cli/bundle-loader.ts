/**
 * Loads the bundled CLI (dist/src/cli/ebkit.cjs, written by scripts/bundle-cli.mjs) with V8's code cache: the
 * start of `ebkit validate` is mostly compiling JavaScript, and a cache made at build time skips it (issue 14).
 * Node 20 has no compile cache for modules, so the bundle is CommonJS run through vm.Script with cachedData.
 * A cache V8 rejects (another Node version, other flags) only costs a normal compilation; with
 * --enable-source-maps the bundle is required instead, so stack traces point at src/ through ebkit.cjs.map.
 */
import type vmTypes from 'node:vm';
import type { CliIO } from './io.js';

/**
 * Node's own modules, taken with process.getBuiltinModule (Node ≥ 20.16) where there is one: an ESM import of
 * node:fs builds its module facade, which reads every export and so loads fs streams, a few ms of every start.
 */
const hasBuiltin = typeof (process.getBuiltinModule as unknown) === 'function';
const fs = hasBuiltin ? process.getBuiltinModule('node:fs') : await import('node:fs');
const nodeModule = hasBuiltin ? process.getBuiltinModule('node:module') : await import('node:module');
const path = hasBuiltin ? process.getBuiltinModule('node:path') : await import('node:path');
const url = hasBuiltin ? process.getBuiltinModule('node:url') : await import('node:url');
const vm: typeof vmTypes = hasBuiltin ? process.getBuiltinModule('node:vm') : (await import('node:vm')).default;

/** What the bundle exports: the same two functions as main.ts and io.ts. */
export interface CliEntry {
  cli: (argv: string[], io: CliIO) => Promise<number>;
  processIO: () => CliIO;
}

export interface LoadedBundle {
  entry: CliEntry;
  /** The compiled script, for scripts/bundle-cli.mjs to write the cache from after a run. */
  script: vmTypes.Script | undefined;
  cacheRejected: boolean;
}

/** Paths of the bundle and its cache beside this module (dist/src/cli/). */
export function bundlePaths(dir: string): { bundle: string; cache: string } {
  return { bundle: `${dir}/ebkit.cjs`, cache: `${dir}/ebkit.cjs.cache` };
}

/**
 * The bundle's dynamic import(): a script run by vm has none without --experimental-vm-modules, so the build
 * rewrites each `import("…")` of the bundle into `__ebim("…")`, a call of this, which resolves as the bundle's own file would.
 */
function importer(bundleUrl: string): (specifier: string) => Promise<unknown> {
  return (specifier) => import(specifier.startsWith('.') ? new URL(specifier, bundleUrl).href : specifier);
}

/** Runs the bundle at `bundle`, with the code cache at `cache` when there is one; undefined when not built. */
export function loadBundle(bundle: string, cache: string | undefined): LoadedBundle | undefined {
  if (!fs.existsSync(bundle)) return undefined;
  const require = nodeModule.createRequire(bundle);
  // Node maps stack traces of required files only: with --enable-source-maps, src/ lines through ebkit.cjs.map.
  if (process.sourceMapsEnabled) return { entry: require(bundle) as CliEntry, script: undefined, cacheRejected: false };
  const source = fs.readFileSync(bundle, 'utf8');
  const cachedData = cache !== undefined && fs.existsSync(cache) ? fs.readFileSync(cache) : undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __ebim) {${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as CliEntry };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, require, module, bundle, path.dirname(bundle), importer(url.pathToFileURL(bundle).href));
  return {
    entry: module.exports,
    script,
    cacheRejected: cachedData !== undefined && script.cachedDataRejected === true,
  };
}
