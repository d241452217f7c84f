/** Generates src/model/requirements.ts from spec/requirements.yaml; fails on a defective register. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readRegister, renderRequirementsModule } from '../src/spec-tools/register.js';

const ROOT = resolve(import.meta.dirname, '..');
const { entries, problems } = readRegister(readFileSync(resolve(ROOT, 'spec/requirements.yaml'), 'utf8'));
if (problems.length > 0) {
  process.stderr.write(`spec/requirements.yaml has ${problems.length} problem(s):\n${problems.join('\n')}\n`);
  process.exit(1);
}
writeFileSync(resolve(ROOT, 'src/model/requirements.ts'), renderRequirementsModule(entries));
process.stdout.write(`src/model/requirements.ts: ${entries.length} requirements\n`);
