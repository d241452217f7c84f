import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { EXAMPLES_DIR, loadManifest, readManifest } from '../../scripts/gen-examples.js';
import { readRegister } from '../../src/spec-tools/register.js';

const manifest = loadManifest();
const register = readRegister(readFileSync(join(EXAMPLES_DIR, '..', 'requirements.yaml'), 'utf8'));
const knownIds = new Set(register.entries.map((e) => e.id));

function yamlSources(sub: string): string[] {
  return readdirSync(join(EXAMPLES_DIR, sub))
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => `${sub}/${n}`)
    .sort();
}

describe('spec/examples/manifest.yaml', () => {
  it('is well formed', () => {
    expect(manifest.problems).toEqual([]);
  });

  it('lists exactly the YAML sources present, each once', () => {
    const listed = manifest.examples.map((e) => e.file);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...yamlSources('valid'), ...yamlSources('invalid')].sort());
  });

  it('meets the corpus size the project promises (≥24 valid, ≥16 invalid)', () => {
    expect(manifest.examples.filter((e) => e.valid).length).toBeGreaterThanOrEqual(24);
    expect(manifest.examples.filter((e) => !e.valid).length).toBeGreaterThanOrEqual(16);
  });

  it('cites only requirement IDs that exist in the register', () => {
    expect(register.problems).toEqual([]);
    const cited = [...manifest.examples.flatMap((e) => e.expect), ...manifest.compare.flatMap((c) => c.expect)];
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((id) => !knownIds.has(id))).toEqual([]);
  });

  it('pairs, in compare, a request with an offer set that both exist', () => {
    const typeOf = new Map(manifest.examples.map((e) => [e.file, e.type]));
    expect(manifest.compare.length).toBeGreaterThan(0);
    for (const c of manifest.compare) {
      expect(typeOf.get(c.request), c.request).toBe('request');
      expect(typeOf.get(c.offerset), c.offerset).toBe('offerset');
    }
    expect(manifest.compare.some((c) => c.expect.length === 0)).toBe(true);
    expect(manifest.compare.some((c) => c.expect.length > 0)).toBe(true);
  });

  it('names each example after its document type, and every source parses as YAML', () => {
    for (const e of manifest.examples) {
      const base = e.file.split('/')[1] ?? '';
      expect(base.startsWith(`${e.type}-`), e.file).toBe(true);
      const path = join(EXAMPLES_DIR, e.file);
      expect(existsSync(path), e.file).toBe(true);
      expect(() => parseYaml(readFileSync(path, 'utf8'), { uniqueKeys: true }), e.file).not.toThrow();
    }
  });

  it('covers every document type, valid and invalid', () => {
    for (const type of ['request', 'offerset', 'session', 'update', 'error']) {
      expect(manifest.examples.some((e) => e.type === type && e.valid), `valid ${type}`).toBe(true);
      expect(manifest.examples.some((e) => e.type === type && !e.valid), `invalid ${type}`).toBe(true);
    }
  });

  it('reports a defective manifest instead of throwing', () => {
    const bad = readManifest('examples:\n  - file: valid/x.json\n    type: thing\n  - file: invalid/y.yaml\n    type: request\n    valid: false\n');
    expect(bad.problems.length).toBe(2);
    expect(bad.problems.join('\n')).toMatch(/\.yaml source/);
    expect(bad.problems.join('\n')).toMatch(/must list what it breaks/);
    expect(readManifest(': : :\n  - [').problems.length).toBe(1);
  });
});
