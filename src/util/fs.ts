/** File-system helpers the commands share (not in the index: most importers of src/util never touch files). */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, one level at a time from the nearest existing ancestor. Node 20's `mkdir(…, { recursive: true })`
 * never returns for a path under /proc (the pseudo-filesystem answers ENOENT and Node retries forever); here the
 * first level that cannot be made throws its error (ENOENT, EACCES, ENOTDIR) for the caller to report.
 */
export function makeDirectories(path: string): void {
  const missing: string[] = [];
  for (let dir = resolve(path); !existsSync(dir); dir = dirname(dir)) {
    missing.push(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) mkdirSync(dir);
}
