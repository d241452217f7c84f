/** Generates src/model/requirements.ts from spec/requirements.yaml; fails on a defective register. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readRegister, renderRequirementsModule } from '../src/spec-tools/register.js';
import { isMain, runGenerator, type Outputs } from './gen-lib.js';
import { ROOT } from './schema-io.js';

/** Every file this generator owns. */
export function outputs(): Outputs {
  const { entries, problems } = readRegister(readFileSync(resolve(ROOT, 'spec/requirements.yaml'), 'utf8'));
  if (problems.length > 0) {
    throw new Error(`spec/requirements.yaml has ${problems.length} problem(s):\n${problems.join('\n')}`);
  }
  return new Map([['src/model/requirements.ts', renderRequirementsModule(entries)]]);
}

if (isMain(import.meta.url)) runGenerator('gen:requirements', outputs);
