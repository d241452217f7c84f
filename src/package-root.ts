import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root (it holds schema/ and spec/), found from this module whether
 * it runs from src/ under tsx/vitest or from dist/src/ after the build.
 */
export function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  let dir = here;
  for (let i = 0; i < 5; i++) {
    if (existsSync(resolve(dir, 'package.json')) && existsSync(resolve(dir, 'schema'))) return dir;
    dir = dirname(dir);
  }
  return resolve(here, '..');
}
