/**
 * The package.json a tarball carries, without `prepare`: in a clone `prepare` builds dist/ on `npm ci`, but in an
 * installed package it never runs (dist/ is packed built), and npm ≥ 11.16 lists every dependency that declares it
 * as an install script to review ("install scripts not yet covered by allowScripts"). `npm pack`/`npm publish`
 * run `prepack` (this script with `strip`, after the build) and then `postpack` (`restore`).
 *
 *   node scripts/pack-manifest.mjs strip     package.json without its scripts and what only the clone uses; the
 *                                            original kept aside
 *   node scripts/pack-manifest.mjs restore   the original back, byte for byte
 *
 * The original is kept in node_modules/ (never packed, never committed). A pack stopped between the two leaves it
 * there: the next `strip` puts it back first, so the clone's manifest is never lost.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const MANIFEST = join(ROOT, 'package.json');
const KEPT = join(ROOT, 'node_modules', '.ebkit-pack', 'package.json');

/** Install-time scripts npm would list for review in a dependency; none belongs in the tarball. */
const INSTALL_TIME = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];

function restore() {
  if (!existsSync(KEPT)) return false;
  writeFileSync(MANIFEST, readFileSync(KEPT));
  rmSync(KEPT);
  return true;
}

/**
 * What only the clone uses: its scripts name files the tarball does not hold (scripts/*.mjs, tsconfig, bench/,
 * vitest), and its devDependencies, overrides and allowScripts are read by no consumer's npm.
 */
const CLONE_ONLY = ['scripts', 'devDependencies', 'overrides', 'allowScripts'];

/** The manifest as the tarball carries it: the same, without install-time scripts or what only the clone uses. */
function stripped(text) {
  const manifest = JSON.parse(text);
  for (const name of INSTALL_TIME) delete manifest.scripts?.[name];
  for (const key of CLONE_ONLY) delete manifest[key];
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * A kept original left by a pack that did not finish is put back only while package.json is still what that pack
 * wrote; edited since (a dependency added), the edit stays and the developer is told to check its scripts.
 */
function recover() {
  if (!existsSync(KEPT)) return;
  const kept = readFileSync(KEPT, 'utf8');
  if (readFileSync(MANIFEST, 'utf8') === stripped(kept)) {
    restore();
    process.stderr.write('pack-manifest: put back package.json kept by a pack that did not finish\n');
  } else {
    rmSync(KEPT);
    process.stderr.write(
      'pack-manifest: a pack that did not finish left package.json without its install-time scripts, and it has been edited since; it is left as it is: check its scripts.prepare\n',
    );
  }
}

function strip() {
  recover();
  const text = readFileSync(MANIFEST, 'utf8');
  mkdirSync(dirname(KEPT), { recursive: true });
  // Written aside first and moved: a crash leaves either the old file or the new one, never half of either.
  writeFileSync(`${KEPT}.tmp`, text);
  renameSync(`${KEPT}.tmp`, KEPT);
  writeFileSync(MANIFEST, stripped(text));
}

const action = process.argv[2];
if (action === 'strip') strip();
else if (action === 'restore') restore();
else {
  process.stderr.write('usage: node scripts/pack-manifest.mjs strip|restore\n');
  process.exit(2);
}
