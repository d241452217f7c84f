import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { currentBlocks, readTable } from '../scripts/gen-import-boundaries.js';
import { CYCLE_FREE, importCycles, importGraph, specifiers } from '../scripts/import-cycles.js';

/**
 * The import directions of ARCHITECTURE.md's "may import" table are enforced by ESLint
 * (`no-restricted-imports` blocks generated into eslint.boundaries.js by
 * scripts/gen-import-boundaries.ts; check:generated fails when they are stale). These
 * tests run only those blocks (made afresh from the table), so they prove the rule bites without the type-aware lint.
 */
const ROOT = resolve(import.meta.dirname, '..');

function linter(): ESLint {
  return new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...currentBlocks()],
  });
}

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await linter().lintText(code, { filePath: resolve(ROOT, file) });
  const messages = result?.messages ?? [];
  // Anything but the boundary rule (a parse error, a file outside the config) would make the counts below meaningless.
  expect(messages.filter((m) => m.ruleId !== 'no-restricted-imports')).toEqual([]);
  return messages.map((m) => m.message);
}

describe('architecture', () => {
  it('reads every row of the table, including conformance/ and src/cli', () => {
    const { rows, shared } = readTable(readFileSync(resolve(ROOT, 'ARCHITECTURE.md'), 'utf8'));
    const byModule = Object.fromEntries(rows.map((r) => [r.module, r.allowed]));
    // src/util is a leaf every module may import; it imports nothing of ours.
    expect(byModule['util']).toEqual({ modules: [], typeOnly: [], files: [] });
    expect(byModule['model']).toEqual({ modules: ['util'], typeOnly: [], files: ['src/findings.ts'] });
    expect(byModule['report']).toEqual({ modules: ['model', 'util'], typeOnly: ['validate'], files: shared });
    expect(byModule['spec-tools']?.modules).toEqual(
      expect.arrayContaining([
        'util',
        'model',
        'xml',
        'parse',
        'serialize',
        'validate',
        'report',
        'migrate',
        'compose',
      ]),
    );
    expect(byModule['spec-tools']?.modules).not.toContain('broker');
    expect(byModule['conformance']?.modules).not.toContain('cli');
    expect(byModule['conformance']?.modules).toContain('broker');
    expect('cli' in byModule && byModule['cli'] === undefined).toBe(true);
    expect(shared).toContain('src/errors.ts');
  });

  it('src/ and conformance/ break no import boundary', async () => {
    const results = await linter().lintFiles(['src/**/*.ts', 'conformance/**/*.ts']);
    const found = results.flatMap((r) =>
      r.messages.map((m) => `${r.filePath.slice(ROOT.length + 1)}:${m.line} ${m.message}`),
    );
    expect(found).toEqual([]);
    expect(results.length).toBeGreaterThan(100);
  });

  it('flags an upstream import at any folder depth', async () => {
    expect(
      await problems('src/validate/x.ts', "import { a } from '../broker/index.js';\nexport { a };\n"),
    ).toHaveLength(1);
    expect(
      await problems('src/validate/rules/kind/x.ts', "import { a } from '../../../client/index.js';\nexport { a };\n"),
    ).toHaveLength(1);
    expect(
      await problems('src/xml/x.ts', "import { a } from '../../conformance/index.js';\nexport { a };\n"),
    ).toHaveLength(1);
    expect(await problems('src/model/x.ts', "import { a } from '../errors.js';\nexport { a };\n")).toHaveLength(1);
    expect(await problems('src/util/x.ts', "import { a } from '../model/index.js';\nexport { a };\n")).toHaveLength(1);
    expect(
      await problems('conformance/checks/core/x.ts', "import { a } from '../../../src/cli/main.js';\nexport { a };\n"),
    ).toHaveLength(1);
    expect(await problems('src/parse/x.ts', "export { a } from '../serialize/index.js';\n")).toHaveLength(1);
  });

  it('allows what the table allows, and type-only imports where it says (types)', async () => {
    expect(
      await problems('src/validate/rules/kind/x.ts', "import { a } from '../../../parse/index.js';\nexport { a };\n"),
    ).toEqual([]);
    expect(
      await problems('src/report/x.ts', "import type { A } from '../validate/index.js';\nexport type { A };\n"),
    ).toEqual([]);
    expect(
      await problems('src/report/x.ts', "import { a } from '../validate/index.js';\nexport { a };\n"),
    ).toHaveLength(1);
    expect(await problems('src/broker/http/x.ts', "import { a } from '../../errors.js';\nexport { a };\n")).toEqual([]);
    expect(await problems('src/model/x.ts', "import { a } from '../util/index.js';\nexport { a };\n")).toEqual([]);
    expect(await problems('conformance/x.ts', "import { a } from '../src/broker/index.js';\nexport { a };\n")).toEqual(
      [],
    );
    expect(
      await problems('src/cli/commands/x.ts', "import { a } from '../../../conformance/index.js';\nexport { a };\n"),
    ).toEqual([]);
  });
});

describe('import circles', () => {
  it('src/ and conformance/ hold no import circle, type-only imports included', () => {
    const graph = importGraph(ROOT, CYCLE_FREE);
    expect(graph.size).toBeGreaterThan(100);
    expect(importCycles(graph)).toEqual([]);
  });

  it('reads every form of import as an edge', () => {
    const code = [
      "import a from './a.js';",
      "import type { B } from './b.js';",
      "import { type C } from './c.js';",
      "export { d } from './d.js';",
      "export type { E } from './e.js';",
      "export * from './f.js';",
      "type G = import('./g.js').G;",
      "const h = await import('./h.js');",
      "import 'node:fs';",
    ].join('\n');
    expect(specifiers(code)).toEqual([
      './a.js',
      './b.js',
      './c.js',
      './d.js',
      './e.js',
      './f.js',
      './g.js',
      './h.js',
      'node:fs',
    ]);
  });

  it('names each circle once, as the shortest way round it', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'a.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual(['a.ts → b.ts → a.ts', 'd.ts → d.ts']);
    expect(
      importCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });
});
