/**
 * The Node versions the package declares are ones every runtime dependency runs on (undici 7 needs 20.18.1), and
 * ones where `require()` of the package works (Node loads ESM from require() unflagged from 20.19 and 22.12): npm warns an
 * installer on an older Node only through `engines`, so a range wider than the dependencies' is a silent breakage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

interface Manifest {
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
const require = createRequire(import.meta.url);
const semver = require('semver') as {
  subset: (sub: string, sup: string) => boolean;
  minVersion: (range: string) => { version: string } | null;
};
const manifest = (path: string): Manifest => JSON.parse(readFileSync(path, 'utf8')) as Manifest;
const own = manifest(join(ROOT, 'package.json'));

describe('engines', () => {
  const ours = own.engines?.node ?? '*';
  it('declares a Node range where require() of ESM works unflagged', () => {
    expect(semver.subset(ours, '^20.19.0 || >=22.12.0')).toBe(true);
  });
  // An optional dependency left out (npm install --omit=optional) has no manifest to read; a required one must.
  const deps = [
    ...Object.keys(own.dependencies ?? {}),
    ...Object.keys(own.optionalDependencies ?? {}).filter((name) =>
      existsSync(join(ROOT, 'node_modules', name, 'package.json')),
    ),
  ];
  it.each(deps)('declares no Node version %s does not run on', (name) => {
    const theirs = manifest(join(ROOT, 'node_modules', name, 'package.json')).engines?.node;
    if (theirs === undefined) return;
    // Major by major up to 26 (better-sqlite3 names each major it has binaries for; semver's subset does not join
    // a union of majors into one range): each slice of ours must lie within theirs.
    const outside: string[] = [];
    for (const part of ours.split('||'))
      for (let major = 20; major <= 26; major++) {
        const slice = `${part.trim()} >=${major}.0.0 <${major + 1}.0.0-0`;
        if (semver.minVersion(slice) !== null && !semver.subset(slice, theirs)) outside.push(slice);
      }
    expect({ name, theirs, outside }).toEqual({ name, theirs, outside: [] });
  });
});
