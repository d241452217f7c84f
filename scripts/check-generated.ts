/**
 * Regenerates, in memory, every file the schema generators own (types, kinds,
 * validators) and fails when a committed copy differs (STYLE.md item 4).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModel } from './gen-types.js';
import { buildValidatorSources } from './gen-validators.js';
import { ROOT, loadSchemaFiles } from './schema-io.js';
import { BUNDLE_PATH, REGISTRY_PATH, buildOpenApiBundle, buildSchemaRegistry } from './gen-openapi-bundle.js';

export interface Drift {
  file: string;
  problem: string;
}

/** Describes how `actual` (on disk) differs from `expected` (freshly generated), or undefined if equal. */
export function describeDifference(expected: string, actual: string | undefined): string | undefined {
  if (actual === undefined) return 'missing';
  if (actual === expected) return undefined;
  const a = actual.split('\n');
  const e = expected.split('\n');
  let line = 0;
  while (line < a.length && line < e.length && a[line] === e[line]) line++;
  return `differs from line ${line + 1} (committed ${a.length} lines, generated ${e.length})`;
}

/** Every generated file that is stale or missing. */
export async function findDrift(root: string = ROOT): Promise<Drift[]> {
  const files = loadSchemaFiles();
  const expected = new Map([...(await generateModel(files)), ...buildValidatorSources(files), [BUNDLE_PATH, buildOpenApiBundle(files)], [REGISTRY_PATH, buildSchemaRegistry(files)]]);
  const drift: Drift[] = [];
  for (const [rel, content] of expected) {
    const path = join(root, rel);
    const problem = describeDifference(content, existsSync(path) ? readFileSync(path, 'utf8') : undefined);
    if (problem) drift.push({ file: rel, problem });
  }
  return drift;
}

async function main(): Promise<void> {
  const drift = await findDrift();
  if (drift.length === 0) {
    process.stdout.write('generated files are up to date\n');
    return;
  }
  for (const d of drift) process.stderr.write(`${d.file}: ${d.problem}\n`);
  process.stderr.write('run `npm run gen` and commit the result\n');
  process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`check-generated: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
