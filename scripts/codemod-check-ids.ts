/**
 * One-off codemod of issue 9, kept so it can be re-applied after merging a branch that edits check
 * files: removes the `id:` and `class:` lines of every `defineCheck({ … })` in conformance/checks/<class>/*.ts
 * (they come from the path now). Fails, changing nothing, when a removed id or class differs from
 * what the path gives (rename the file to match the id first). Idempotent.
 *
 *   npx tsx scripts/codemod-check-ids.ts && npm run gen:indexes
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './schema-io.js';

const DIR = join(ROOT, 'conformance/checks');
const LINE = /^ {2}(id|class): '([^']*)',\n/gm;

const edits: { path: string; text: string }[] = [];
const problems: string[] = [];
for (const cls of readdirSync(DIR).filter((n) => statSync(join(DIR, n)).isDirectory())) {
  for (const file of readdirSync(join(DIR, cls)).filter((n) => n.endsWith('.ts'))) {
    const path = join(DIR, cls, file);
    const text = readFileSync(path, 'utf8');
    const want = { id: `${cls}-${file.slice(0, -3)}`, class: cls };
    for (const m of text.matchAll(LINE)) {
      const key = m[1] as 'id' | 'class';
      if (m[2] !== want[key]) problems.push(`${cls}/${file}: ${key} '${m[2]}' but the path gives '${want[key]}'`);
    }
    const next = text.replace(LINE, '');
    if (next !== text) edits.push({ path, text: next });
  }
}
if (problems.length > 0) {
  process.stderr.write(`codemod-check-ids: nothing changed:\n${problems.join('\n')}\n`);
  process.exit(1);
}
for (const e of edits) writeFileSync(e.path, e.text);
process.stdout.write(`codemod-check-ids: ${edits.length} check file(s) edited\n`);
