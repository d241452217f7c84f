#!/usr/bin/env node
import { bundlePaths, loadBundle, type CliEntry } from './bundle-loader.js';

// The bundle with its code cache when built (npm run build), else the modules themselves (tsx, a bare tsc build).
// import.meta.dirname (Node ≥ 20.11) spares the ESM facade of node:url.
const here =
  (import.meta.dirname as string | undefined) ??
  (await import('node:url')).fileURLToPath(new URL('.', import.meta.url)).replace(/[\\/]$/, '');
const { bundle, cache } = bundlePaths(here);
const entry: CliEntry = loadBundle(bundle, cache)?.entry ?? {
  ...(await import('./main.js')),
  ...(await import('./io.js')),
};
const code = await entry.cli(process.argv.slice(2), entry.processIO());
// Let pending stdout writes flush before exiting.
process.exitCode = code;
