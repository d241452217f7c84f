import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../conformance/mutants/index.js';
import { TABLE_END, TABLE_START, mutantTable } from '../../scripts/gen-indexes.js';

// That conformance/README.md carries the table is checked with every generated file (test/schema/generated-fresh.test.ts).
describe('conformance/README.md mutant table', () => {
  it('has one row per mutant, naming the checks that catch it', () => {
    const table = mutantTable(MUTANTS);
    expect(table.startsWith(TABLE_START) && table.endsWith(TABLE_END)).toBe(true);
    expect(table.split('\n')).toHaveLength(MUTANTS.length + 4);
    for (const m of MUTANTS)
      expect(table).toContain(`| \`${m.id}\` | ${m.description} | \`${m.catches[0] ?? m.warns?.[0]}\``);
  });
});
