/**
 * `npm run gen`: runs every generator of scripts/generators.ts, each in a
 * process of its own and in order, so each one loads what the previous wrote.
 */
import { execFileSync } from 'node:child_process';
import { GENERATORS } from './generators.js';
import { ROOT } from './schema-io.js';

for (const g of GENERATORS) {
  try {
    execFileSync(process.execPath, ['--import', 'tsx', g.script], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    process.stderr.write(`gen: ${g.name} (${g.script}) failed\n`);
    process.exit(1);
  }
}
