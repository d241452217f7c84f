import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_END, TABLE_START, mutantTable } from '../../conformance/mutants/table.js';

describe('conformance/README.md', () => {
  it('carries the mutant table generated from the mutants', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../conformance/README.md'), 'utf8');
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(readme.slice(start, end + TABLE_END.length)).toBe(mutantTable());
  });
});
