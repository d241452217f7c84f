import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegister, renderRequirementsModule } from '../../src/spec-tools/register.js';
import { REQUIREMENTS, requirementById, LEVEL_SEVERITY } from '../../src/model/requirements.js';

const ROOT = resolve(import.meta.dirname, '../..');
const yamlText = readFileSync(resolve(ROOT, 'spec/requirements.yaml'), 'utf8');

describe('requirement register', () => {
  it('has no structural problems', () => {
    expect(readRegister(yamlText).problems).toEqual([]);
  });

  it('src/model/requirements.ts is fresh (run npm run gen:requirements)', () => {
    const generated = readFileSync(resolve(ROOT, 'src/model/requirements.ts'), 'utf8');
    expect(generated).toBe(renderRequirementsModule(readRegister(yamlText).entries));
  });

  it('keeps every DOMAIN §4.1–4.4 ID and the new areas', () => {
    const ids = new Set<string>(REQUIREMENTS.map((r) => r.id));
    const expected = [
      ...Array.from({ length: 19 }, (_, i) => `EB-OFF-${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 7 }, (_, i) => `EB-SCH-0${i + 1}`),
      ...Array.from({ length: 6 }, (_, i) => `EB-LIFE-0${i + 1}`),
      ...Array.from({ length: 7 }, (_, i) => `EB-UPD-0${i + 1}`),
      ...Array.from({ length: 11 }, (_, i) => `EB-HTTP-${String(i + 1).padStart(2, '0')}`),
      'EB-KIND-01',
      'EB-KIND-02',
      'EB-KIND-03',
      'EB-REF-01',
      'EB-REF-02',
      'EB-REF-03',
      'EB-REF-04',
      'EB-REF-05',
      'EB-DM-01',
      'EB-DM-02',
      'EB-DM-03',
      'EB-HTTP-12',
      'EB-ERR-01',
      'EB-VOSI-01',
      'EB-XML-01',
      'EB-DM-04',
    ];
    expect(expected.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('looks requirements up by ID and maps levels to severities', () => {
    const r = requirementById('EB-OFF-05');
    expect(r?.level).toBe('SHOULD');
    expect(r && LEVEL_SEVERITY[r.level]).toBe('warning');
    expect(requirementById('EBK_SYNTAX')).toBeUndefined();
  });

  it('reports defects instead of throwing', () => {
    const bad = readRegister(
      'requirements:\n  - {id: EB-X-1, level: MAYBE, statement: s, section: "9", source: x, origin: new}\n' +
        '  - {id: EB-OFF-01, level: MUST, statement: s, section: "2.3", source: x, origin: new}\n' +
        '  - {id: EB-OFF-01, level: MUST, statement: s, section: "2.3", source: x, origin: new, extra: 1}\n',
    );
    expect(bad.problems.some((p) => p.includes('EB-AREA-nn'))).toBe(true);
    expect(bad.problems.some((p) => p.includes('level must be'))).toBe(true);
    expect(bad.problems.some((p) => p.includes('section not in the outline'))).toBe(true);
    expect(bad.problems.some((p) => p.includes('duplicate id'))).toBe(true);
    expect(bad.problems.some((p) => p.includes('unknown key "extra"'))).toBe(true);
    expect(readRegister(': : :\n\t- [').problems.length).toBeGreaterThan(0);
  });
});
