import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requirementById } from '../../src/model/requirements.js';
import { defaultRules } from '../../src/validate/index.js';
import { ROOT } from './helpers/schema-facts.js';

const RULES_DIR = join(ROOT, 'src/validate/rules');
const ruleFiles = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(RULES_DIR, d.name)).map((f) => `${d.name}/${f.replace(/\.ts$/, '')}`));

describe('the default rule set', () => {
  it('holds every rule file once, named by its slug', () => {
    expect(defaultRules.map((r) => r.slug).sort()).toEqual(ruleFiles.map((f) => f.split('/')[1]).sort());
    expect(new Set(defaultRules.map((r) => r.slug)).size).toBe(defaultRules.length);
  });

  it('cites only requirements of the register', () => {
    for (const r of defaultRules)
      for (const id of r.requirements) expect(requirementById(id), `${r.slug} cites ${id}`).toBeDefined();
  });

  it('has a table test for every rule, named after it: test/validate/rules/<area>/<slug>.test.ts', () => {
    for (const f of ruleFiles) {
      const test = join(ROOT, 'test/validate/rules', `${f}.test.ts`);
      expect(existsSync(test), `${f}: ${test}`).toBe(true);
      const text = readFileSync(test, 'utf8');
      expect(text, f).toContain(`src/validate/rules/${f}.js`);
      expect(text, f).toMatch(/\btestRule\(/);
    }
  });
});
