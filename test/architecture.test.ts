import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Enforces the import directions written in ARCHITECTURE.md: the pipeline
 * stages (model → xml → parse/serialize → validate → report) never import the
 * modules that use them (client, broker, cli, conformance).
 */
const ROOT = resolve(import.meta.dirname, '..');

const ALLOWED: Record<string, string[]> = {
  'src/util': [],
  'src/model': [],
  'src/xml': ['src/model'],
  'src/parse': ['src/model', 'src/xml'],
  'src/serialize': ['src/model', 'src/xml'],
  'src/validate': ['src/model', 'src/xml', 'src/parse'],
  'src/report': ['src/model', 'src/validate'],
  'src/client': ['src/model', 'src/parse', 'src/serialize', 'src/validate', 'src/xml'],
  'src/broker': ['src/model', 'src/parse', 'src/serialize', 'src/validate', 'src/xml'],
  'src/spec-tools': ['src/model', 'src/xml', 'src/parse', 'src/serialize', 'src/validate', 'src/report'],
};
/** Files every module may import. */
const SHARED = ['src/findings.ts', 'src/errors.ts', 'src/version.ts', 'src/package-root.ts'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function moduleOf(file: string): string | undefined {
  const rel = relative(ROOT, file).split('\\').join('/');
  return Object.keys(ALLOWED).find((m) => rel === `${m}.ts` || rel.startsWith(`${m}/`));
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

describe('architecture', () => {
  it('pipeline stages only import downstream-allowed modules', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const from = moduleOf(file);
      if (!from) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2];
        if (!spec) continue;
        const target = relative(ROOT, resolve(dirname(file), spec)).split('\\').join('/').replace(/\.js$/, '.ts');
        if (SHARED.includes(target)) continue;
        const to = moduleOf(join(ROOT, target));
        if (to === from) continue;
        if (to === 'src/util') continue; // the leaf every module may import
        if (!to || !ALLOWED[from]!.includes(to)) {
          violations.push(`${relative(ROOT, file)} imports ${spec} (${to ?? target})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('the checker notices a forbidden import', () => {
    // A validate module importing the broker must be flagged: proves the regex and mapping work.
    const fake = `import { x } from '../broker/index.js';`;
    const m = [...fake.matchAll(IMPORT)][0];
    const target = relative(ROOT, resolve(join(ROOT, 'src/validate'), m![1]!)).replace(/\.js$/, '.ts');
    expect(moduleOf(join(ROOT, target))).toBe('src/broker');
    expect(ALLOWED['src/validate']).not.toContain('src/broker');
  });
});
