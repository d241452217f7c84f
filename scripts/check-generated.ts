/**
 * `npm run check:generated`: regenerates, in memory, every file a generator of
 * scripts/generators.ts owns and fails when a committed copy differs or is
 * missing, or when an example sibling has no manifest entry (STYLE.md item 4).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syncExamples } from './gen-examples.js';
import { isMain } from './gen-lib.js';
import { GENERATORS } from './generators.js';
import { ROOT } from './schema-io.js';

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

/** Every generated file that is stale, missing or orphaned, with the npm script that fixes it. */
export async function findDrift(root: string = ROOT): Promise<Drift[]> {
  const drift: Drift[] = [];
  for (const g of GENERATORS) {
    for (const [rel, content] of await g.outputs()) {
      const path = join(root, rel);
      const problem = describeDifference(content, existsSync(path) ? readFileSync(path, 'utf8') : undefined);
      if (problem) drift.push({ file: rel, problem: `${problem}; run npm run ${g.name}` });
    }
  }
  for (const orphan of syncExamples({ write: false }).orphans) {
    drift.push({ file: `spec/examples/${orphan}`, problem: 'looks generated but has no manifest entry' });
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

if (isMain(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`check-generated: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
