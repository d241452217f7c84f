// Bundles the CLI for a fast start (issue 14): src/cli/main.ts, commander, js-yaml, fast-xml-parser and the validate
// command with its XML path (from-xml, the mapping, the XSD engine choice) go into one CommonJS file,
// dist/src/cli/ebkit.cjs (+ .map), which dist/src/cli/bin.js runs with V8's code cache, dist/src/cli/ebkit.cjs.cache,
// written here after a --help and a YAML and an XML validate so the functions they compile are in it. The other
// commands stay the modules tsc built and load on demand; every other package stays external.
import { Buffer } from 'node:buffer';
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, 'dist/src/cli');
/**
 * Packages bundled in: small, loaded by every run (commander), by every YAML validate (js-yaml) or by every XML one
 * (fast-xml-parser, one self-contained file; it is evaluated on the first XML document only, see LAZY_MODULES).
 */
const BUNDLED_PACKAGES = new Set(['commander', 'js-yaml', 'fast-xml-parser']);
/**
 * Modules of ours replaced in the bundle. src/xml/fast-xml-parser.ts loads the package with createRequire, which a
 * bundler cannot follow; here a plain require() names the bundled copy, still called on the first XML document only.
 */
const LAZY_MODULES = {
  'src/xml/fast-xml-parser.ts': [
    'let loaded;',
    "export function fastXmlParser() { loaded ??= require('fast-xml-parser'); return loaded; }",
  ].join('\n'),
};
/**
 * commander requires node:child_process at load for executable sub-commands, which ebkit has none of; loading it
 * (and net, dgram… behind it) cost every start ~10 ms. In the bundle commander gets it on first use instead.
 */
const LAZY_CHILD_PROCESS = [
  'let cp;',
  "module.exports = { get spawn() { cp ??= require('node:child_process'); return cp.spawn; } };",
].join('\n');
/** Commands bundled in; the others are big, rare or read files beside their own module. */
const BUNDLED_COMMANDS = new Set(['validate']);

const BANNER = [
  "const __ebkitImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  "var __ebim = typeof __ebim === 'function' ? __ebim : (specifier) => import(specifier);",
].join('\n');

const { loadBundle, bundlePaths } = await import(resolve(outDir, 'bundle-loader.js'));
const { bundle, cache } = bundlePaths(outDir);
rmSync(cache, { force: true });

const result = await build({
  write: false,
  stdin: {
    contents: "export { cli } from './main.ts';\nexport { processIO } from './io.ts';\n",
    resolveDir: resolve(root, 'src/cli'),
    sourcefile: 'src/cli/bundle-entry.ts',
    loader: 'ts',
  },
  outfile: bundle,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  minifyWhitespace: true,
  // import.meta.url (package-root, createRequire) is the bundle's own URL, as it would be for the module.
  define: { 'import.meta.url': '__ebkitImportMetaUrl' },
  // __ebim is the import() that bundle-loader.ts hands the bundle; when the bundle is required (source maps on),
  // a plain import() from this file.
  banner: { js: BANNER },
  plugins: [
    {
      name: 'ebkit-externals',
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/]xml[\\/]fast-xml-parser\.ts$/ }, () => ({
          contents: LAZY_MODULES['src/xml/fast-xml-parser.ts'],
          loader: 'js',
        }));
        b.onResolve({ filter: /^node:child_process$/ }, (a) =>
          /[\\/]node_modules[\\/]commander[\\/]/.test(a.importer)
            ? { path: 'child_process', namespace: 'lazy' }
            : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({ contents: LAZY_CHILD_PROCESS, loader: 'js' }));
        b.onResolve({ filter: /^\.\/commands\// }, (a) => {
          const name = /^\.\/commands\/(.+)\.js$/.exec(a.path)?.[1];
          return name !== undefined && BUNDLED_COMMANDS.has(name) ? undefined : { path: a.path, external: true };
        });
        b.onResolve({ filter: /^[^./]/ }, (a) => {
          const pkg = a.path.startsWith('@') ? a.path.split('/').slice(0, 2).join('/') : a.path.split('/')[0];
          return BUNDLED_PACKAGES.has(pkg) ? undefined : { path: a.path, external: true };
        });
      },
    },
  ],
});

// vm.Script has no dynamic import() (bundle-loader.ts): every import("literal") becomes __ebim("literal"), a name
// of the same length, so the columns of the source map stay right.
for (const file of result.outputFiles) {
  if (!file.path.endsWith('.cjs')) {
    writeFileSync(file.path, file.contents);
    continue;
  }
  const other = /\bimport\((?!")/.exec(file.text.slice(BANNER.length));
  if (other)
    throw new Error(`bundle-cli: a dynamic import of a computed name at offset ${other.index} of ${file.path}`);
  writeFileSync(file.path, file.text.replace(/\bimport\("/g, '__ebim("'));
}

// Warm the cache with what a start runs: top-level help and a validate of a small document, as YAML and as XML.
const quiet = {
  stdout: () => {},
  stderr: () => {},
  readStdin: async () => Buffer.alloc(0),
  env: {},
  isTTY: false,
  cwd: root,
};
const loaded = loadBundle(bundle, undefined);
if (!loaded?.script) throw new Error(`bundle-cli: ${bundle} did not load through vm.Script`);
await loaded.entry.cli(['--help'], quiet);
for (const name of ['offerset-yes-three-offers.yaml', 'offerset-yes-three-offers.xml']) {
  const example = resolve(root, 'spec/examples/valid', name);
  const code = await loaded.entry.cli(['validate', example], quiet);
  if (code !== 0) throw new Error(`bundle-cli: the bundled ebkit validate ${example} exited ${code}`);
}
writeFileSync(cache, loaded.script.createCachedData());
