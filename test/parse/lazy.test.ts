import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { yamlLib, yamlLibUses } from '../../src/parse/yaml-lib.js';

describe('positions are paid for only when asked', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a valid YAML document never touches the `yaml` package until locate()', () => {
    const before = yamlLibUses();
    const d = parse('meta:\n  name: a\noffers:\n  - phase: OFFERED\n', { format: 'yaml' });
    expect(d.findings).toEqual([]);
    expect(yamlLibUses()).toBe(before);
    const spy = vi.spyOn(yamlLib(), 'parseAllDocuments');
    expect(d.locate('/offers/0/phase')).toEqual({ line: 4, column: 12 });
    expect(d.locate('/meta/name')).toEqual({ line: 2, column: 9 });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('a YAML document with a problem is parsed once; locate() reuses that index', () => {
    const spy = vi.spyOn(yamlLib(), 'parseAllDocuments');
    const d = parse('a: 1\na: 2\nb: [x]\n', { format: 'yaml' });
    expect(d.findings.map((f) => f.ruleId)).toEqual(['EBK_DUPLICATE_KEY']);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(d.locate('/b/0')).toEqual({ line: 3, column: 5 });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('JSON never uses the `yaml` package', () => {
    const before = yamlLibUses();
    parse('{"a": [1, 2]}').locate('/a/1');
    parse('{"a": 1, "a": 2}').locate('/a');
    expect(yamlLibUses()).toBe(before);
  });
});
