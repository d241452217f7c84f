import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let lib: typeof Yaml | undefined;
let loads = 0;

/**
 * The `yaml` package, loaded on first need. Only problem documents and
 * locate() use it, and it is the heaviest module parse depends on (about
 * 90 ms of CPU to load), so a valid document, and the CLI's start, never pay.
 */
export function yamlLib(): typeof Yaml {
  loads++;
  return (lib ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}

/** How often the `yaml` package was asked for (tests check the hot path never does). */
export function yamlLibUses(): number {
  return loads;
}
