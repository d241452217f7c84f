/**
 * The package.json a tarball carries, without `prepare`: in a clone `prepare` builds dist/ on `npm ci`, but in an
 * installed package it never runs (dist/ is packed built), and npm ≥ 11.16 lists every dependency that declares it
 * as an install script to review ("install scripts not yet covered by allowScripts"). `npm pack`/`npm publish`
 * run `prepack` (this script with `strip`, after the build) and then `postpack` (`restore`).
 *
 *   node scripts/pack-manifest.mjs strip     package.json without scripts.prepare; the original kept aside
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

function strip() {
  if (restore()) process.stderr.write('pack-manifest: put back package.json kept by a pack that did not finish\n');
  const text = readFileSync(MANIFEST, 'utf8');
  const manifest = JSON.parse(text);
  for (const name of INSTALL_TIME) delete manifest.scripts?.[name];
  mkdirSync(dirname(KEPT), { recursive: true });
  // Written aside first and moved: a crash leaves either the old file or the new one, never half of either.
  writeFileSync(`${KEPT}.tmp`, text);
  renameSync(`${KEPT}.tmp`, KEPT);
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
}

const action = process.argv[2];
if (action === 'strip') strip();
else if (action === 'restore') restore();
else {
  process.stderr.write('usage: node scripts/pack-manifest.mjs strip|restore\n');
  process.exit(2);
}
