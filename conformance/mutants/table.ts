import { MUTANTS } from './index.js';

export const TABLE_START = '<!-- mutant-table:start (generated from conformance/mutants; test/conformance/readme.test.ts keeps it in step) -->';
export const TABLE_END = '<!-- mutant-table:end -->';

/** The README's mutant → catching checks table, from the same `catches` lists the mutant test asserts. */
export function mutantTable(): string {
  const rows = MUTANTS.map((m) => `| \`${m.id}\` | ${m.description} | ${[...m.catches.map((c) => `\`${c}\``), ...(m.warns ?? []).map((c) => `\`${c}\` (warns)`)].join(', ')} |`);
  return [TABLE_START, '| mutant | what is broken | checks that catch it |', '| --- | --- | --- |', ...rows, TABLE_END].join('\n');
}
