import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { DocumentType, Finding } from '../../src/findings.js';
import { isDocumentType } from '../../src/findings.js';
import { readRegister } from '../../src/spec-tools/register.js';
import { EXAMPLES_DIR } from '../../scripts/gen-examples.js';
import { citedIds, typedBlocks } from '../../src/spec-tools/coverage.js';

const SPEC = resolve(EXAMPLES_DIR, '..');
const chapters = readdirSync(SPEC)
  .filter((n) => /^\d\d-.*\.md$/.test(n))
  .sort();
const texts = new Map(chapters.map((n) => [n, readFileSync(join(SPEC, n), 'utf8')]));
const register = readRegister(readFileSync(join(SPEC, 'requirements.yaml'), 'utf8'));
const known = new Set(register.entries.map((e) => e.id));

interface ValidatorModule {
  validate(doc: unknown, opts?: { type?: DocumentType }): { valid: boolean; findings: Finding[] };
}
const entry = resolve(SPEC, '..', 'src', 'validate', 'index.ts');
const validator: ValidatorModule | undefined = existsSync(entry)
  ? ((await import(pathToFileURL(entry).href)) as ValidatorModule)
  : undefined;

describe('the standard text spec/*.md', () => {
  it('has the six chapters of the outline', () => {
    expect(chapters.map((n) => n.slice(0, 2))).toEqual(['01', '02', '03', '04', '05', '06']);
  });

  it('cites no requirement ID that the register lacks', () => {
    const unknown: string[] = [];
    for (const [name, text] of texts) for (const id of citedIds(text)) if (!known.has(id)) unknown.push(`${name}: ${id}`);
    expect(unknown).toEqual([]);
  });

  it('cites every requirement of the register somewhere', () => {
    const cited = new Set([...texts.values()].flatMap((t) => [...citedIds(t)]));
    expect(register.entries.length).toBeGreaterThan(0);
    expect(register.entries.map((e) => e.id).filter((id) => !cited.has(id))).toEqual([]);
  });

  it('tags only sentences that use an RFC 2119 keyword or state a rule, never a heading', () => {
    for (const [name, text] of texts) {
      const tagged = text.split('\n').filter((l) => /^#/.test(l) && /\[EB-[A-Z]+-\d{2}\]/.test(l));
      expect(tagged, name).toEqual([]);
    }
  });

  it('links only to files that exist', () => {
    const missing: string[] = [];
    for (const [name, text] of texts) {
      for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const target = m[1] ?? '';
        if (/^[a-z]+:/.test(target)) continue;
        if (!existsSync(resolve(SPEC, dirname(name), target))) missing.push(`${name}: ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares a known document type on every typed example block, and each parses', () => {
    const blocks = [...texts.values()].flatMap((t) => typedBlocks(t));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const b of blocks) {
      expect(isDocumentType(b.type), `${b.type} at line ${b.line}`).toBe(true);
      expect(() => parseYaml(b.body), `block at line ${b.line}`).not.toThrow();
    }
  });

  it.skipIf(!validator)(`has typed example blocks that validate${validator ? '' : ' (skipped: src/validate/index.ts is not there yet)'}`, () => {
    for (const [name, text] of texts) {
      for (const b of typedBlocks(text)) {
        const result = validator!.validate(parseYaml(b.body), { type: b.type as DocumentType });
        const serious = result.findings.filter((f) => f.level !== 'info').map((f) => `${f.ruleId} ${f.pointer}: ${f.message}`);
        expect(serious, `${name} line ${b.line}`).toEqual([]);
      }
    }
  });
});
