import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import { KINDS } from '../../src/model/kinds.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/migrate');

function load(file: string): unknown {
  const doc = parse(readFileSync(join(FIXTURES, file)), { filename: file });
  expect(doc.findings.filter((f) => f.level === 'error')).toEqual([]);
  return doc.value;
}

function at(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);
}

describe('migrate', () => {
  it('turns a 2025-11 request with top-level volumes into a valid 1.0 request', () => {
    const input = load('request-2025-11-curl.yaml');
    const before = structuredClone(input);
    const result = migrate(input);
    expect(input).toEqual(before); // the input is not modified
    expect(result.findings).toEqual([]);
    expect(result.docType).toBe('request');
    expect(at(result.value, '/executable/kind')).toBe(KINDS.DockerContainer);
    expect(at(result.value, '/compute/kind')).toBe(KINDS.SimpleComputeResource);
    expect(at(result.value, '/storage/0/kind')).toBe(KINDS.SimpleStorageResource);
    expect(at(result.value, '/volumes')).toBeUndefined();
    expect(at(result.value, '/compute/volumes/0')).toMatchObject({
      kind: KINDS.SimpleVolumeMount,
      resource: 'example-data',
      path: '/data',
    });
    expect(result.changes.map((c) => c.pointer)).toEqual(
      expect.arrayContaining(['/executable/kind', '/compute/kind', '/compute/volumes/0']),
    );
    expect(validate(result.value, { type: 'request' }).findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('renames computer, type and name of the 2025-04 generation and adds the T to P1H', () => {
    const result = migrate(load('request-2025-04-computer.yaml'));
    expect(result.findings).toEqual([]);
    expect(at(result.value, '/computer')).toBeUndefined();
    expect(at(result.value, '/compute/kind')).toBe(KINDS.SimpleComputeResource);
    expect(at(result.value, '/compute/meta/name')).toBe('example-computer');
    expect(at(result.value, '/executable/kind')).toBe(KINDS.JupyterNotebook);
    expect(at(result.value, '/executable/type')).toBeUndefined();
    expect(at(result.value, '/schedule/requested/duration')).toBe('PT1H');
    expect(validate(result.value, { type: 'request' }).findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it("fixes the newest broker's misspelt compute family and leaves the rest of the session alone", () => {
    const input = load('session-newest-broker.json');
    const result = migrate(input);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({ pointer: '/compute/kind', step: 'older-kind' });
    expect(at(result.value, '/compute/kind')).toBe(KINDS.SimpleComputeResource);
    expect({ ...(result.value as object), compute: undefined }).toEqual({ ...(input as object), compute: undefined });
  });

  it("drops the Java broker's nulls, but not a null inside an extension member (its content is its owner's)", () => {
    const input = {
      executable: {
        kind: KINDS.JupyterNotebook,
        location: 'https://notebooks.example.org/n.ipynb',
        meta: { name: null, description: 'x' },
        'x-vendor': { quota: null, nested: { limit: null } },
        'urn:example:ext': { reset: null },
      },
    };
    const result = migrate(input);
    expect(result.changes.map((c) => c.pointer)).toEqual(['/executable/meta/name']);
    expect(at(result.value, '/executable/meta')).toEqual({ description: 'x' });
    expect(at(result.value, '/executable/x-vendor')).toEqual({ quota: null, nested: { limit: null } });
    expect(at(result.value, '/executable/urn:example:ext')).toEqual({ reset: null });
  });

  it('unwraps an update envelope and rewrites urn: kinds and the state path', () => {
    const result = migrate(load('update-wrapped-urn.yaml'));
    expect(result.value).toEqual({ kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' });
    expect(result.docType).toBe('update');
    expect(result.changes.map((c) => c.step)).toEqual(['unwrap-envelope', 'older-kind', 'value-spelling']);
  });

  it('reports what it cannot map and leaves it in place instead of inventing data', () => {
    const input = load('request-unmappable.yaml');
    const result = migrate(input);
    expect(result.findings.map((f) => [f.ruleId, f.pointer])).toEqual([
      ['EBK_MIGRATE_UNMAPPED', '/executable/kind'],
      ['EBK_MIGRATE_UNMAPPED', '/volumes'],
    ]);
    expect(at(result.value, '/executable/kind')).toBe(at(input, '/executable/kind'));
    expect(at(result.value, '/volumes/0/resources')).toEqual(['a', 'b']); // its kind is still rewritten
    expect(at(result.value, '/volumes/0/kind')).toBe(KINDS.SimpleVolumeMount);
    expect(at(result.value, '/compute')).toBeUndefined();
  });

  it("lifts the text's resources, requested quantities and spec.notebook into 1.0, and reports what has no place", () => {
    const input = {
      executable: {
        name: 'nb',
        type: 'https://www.purl.org/ivoa.net/executable-types/jupyter-notebook',
        spec: { notebook: 'https://e.org/n.ipynb', requirements: 'numpy' },
      },
      resources: {
        compute: [{ cores: { requested: { min: 2 } }, memory: { requested: { min: 4, units: 'GiB' } } }],
        storage: [{ size: { requested: { min: 10, units: 'TiB' } } }],
      },
      datetime: [{ start: '2026-08-14T11:00:00Z' }],
    };
    const result = migrate(input);
    expect(at(result.value, '/executable/kind')).toBe(KINDS.JupyterNotebook);
    expect(at(result.value, '/executable/location')).toBe('https://e.org/n.ipynb');
    expect(at(result.value, '/compute/cores')).toEqual({ min: 2 });
    expect(at(result.value, '/compute/memory')).toEqual({ min: 4 });
    expect(at(result.value, '/resources')).toBeUndefined();
    // Not GiB, a spec member 1.0 has no place for, the text's schedule list: each said, each left as it was.
    expect(at(result.value, '/storage/0/size')).toEqual({ requested: { min: 10, units: 'TiB' } });
    expect(at(result.value, '/executable/spec')).toEqual({ requirements: 'numpy' });
    expect(result.findings.map((f) => [f.ruleId, f.pointer])).toEqual([
      ['EBK_MIGRATE_UNMAPPED', '/executable/spec/requirements'],
      ['EBK_MIGRATE_UNMAPPED', '/storage/0/size'],
      ['EBK_MIGRATE_UNMAPPED', '/datetime'],
    ]);
    // An offer with both: its quote kept, and the change says the requested values were left out.
    const offer = migrate({ cores: { requested: { min: 2 }, offered: { min: 4, max: 4 } } });
    expect(at(offer.value, '/cores')).toEqual({ min: 4, max: 4 });
    expect(offer.changes.map((c) => c.message)).toEqual([expect.stringMatching(/cores\.requested .* is not kept/)]);
    // Two resources where 1.0 has one compute: not one picked, the list kept and reported.
    const two = migrate({ resources: { compute: [{}, {}] } });
    expect(two.findings.map((f) => f.pointer)).toEqual(['/resources/compute']);
    expect(at(two.value, '/resources/compute')).toEqual([{}, {}]);
  });

  it("gives the Java broker's simple-kind session with a schedule the scheduled kind, and leaves one without alone", () => {
    const schedule = { preparing: { start: '2026-08-14T10:50:00Z', duration: 'PT10M' } };
    const withSchedule = migrate({ kind: KINDS.SimpleExecutionSession, phase: 'OFFERED', schedule });
    expect(at(withSchedule.value, '/kind')).toBe(KINDS.ScheduledExecutionSession);
    expect(withSchedule.changes.map((c) => [c.step, c.pointer])).toEqual([['scheduled-session', '/kind']]);
    const without = migrate({ kind: KINDS.SimpleExecutionSession, phase: 'OFFERED' });
    expect(without.changes).toEqual([]);
  });

  it('reports a type URI that names no kind of any generation, instead of leaving it to surface as a missing kind', () => {
    const odd = 'https://www.purl.org/ivoa.net/EB/schema/v1.0/executable/jupyter-notebook-1.0.yaml';
    const input = { executable: { type: odd, location: 'https://e.org/n.ipynb' } };
    const result = migrate(input);
    expect(result.findings.map((f) => [f.ruleId, f.pointer])).toEqual([['EBK_MIGRATE_UNMAPPED', '/executable/type']]);
    expect(result.findings[0]?.message).toContain(odd);
    expect(result.value).toEqual(input);
  });

  it("keeps a cost item's own type member, which is no discriminator", () => {
    const cost = { kind: KINDS.SimpleMinMaxFloatCost, type: 'urn:ivoa:calycopis:cost:monetary', max: 3 };
    const result = migrate({
      executable: { kind: KINDS.JupyterNotebook, location: 'https://e.org/n.ipynb' },
      costs: [cost],
    });
    expect(result.changes).toEqual([]);
    expect(at(result.value, '/costs/0')).toEqual(cost);
  });

  it('changes nothing in the 1.0 corpus', async () => {
    const { readdirSync } = await import('node:fs');
    const dir = join(import.meta.dirname, '../../spec/examples/valid');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const result = migrate(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      expect({ file, changes: result.changes, findings: result.findings }).toEqual({ file, changes: [], findings: [] });
    }
  });

  it('refuses a value that is not a mapping with a finding, not a throw', () => {
    for (const value of [null, 3, 'text', [1, 2]]) {
      const result = migrate(value);
      expect(result.findings.map((f) => f.ruleId)).toEqual(['EBK_MIGRATE_UNMAPPED']);
    }
  });
});
