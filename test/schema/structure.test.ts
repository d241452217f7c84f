import { describe, expect, it } from 'vitest';
import { createAjv } from '../../scripts/gen-validators.js';
import { dispatcherBranches, isObject, walkSchema } from '../../scripts/schema-io.js';
import { SCHEMA_BASE } from '../../src/model/documents.js';
import { FILES } from './helpers.js';

const FAMILIES = [
  'accelerators', 'compute', 'core', 'costs', 'data', 'errors', 'executables', 'messages', 'metrics',
  'offerset', 'options', 'request', 'sessions', 'storage', 'updates', 'utils', 'volumes',
];

describe('schema files', () => {
  it('one file per family, each a 2020-12 schema with the agreed $id', () => {
    expect(FILES.map((f) => f.family)).toEqual(FAMILIES);
    for (const f of FILES) {
      expect(f.schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(f.id).toBe(`${SCHEMA_BASE}${f.family}.schema.json`);
      expect(Object.keys(f.defs).length).toBeGreaterThan(0);
    }
  });

  it('ajv compiles every $def of every file in strict mode', () => {
    const ajv = createAjv(FILES);
    const failures: string[] = [];
    for (const f of FILES) {
      for (const name of Object.keys(f.defs)) {
        try {
          if (!ajv.getSchema(`${f.id}#/$defs/${name}`)) failures.push(name);
        } catch (err) {
          failures.push(`${name}: ${(err as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('$def names are unique across files (types and validators are named by them)', () => {
    const names = FILES.flatMap((f) => Object.keys(f.defs));
    expect(names.length).toBe(new Set(names).size);
  });

  it('every $def and every property is described (or is a $ref to a described $def)', () => {
    const missing: string[] = [];
    for (const f of FILES) {
      for (const [name, d] of Object.entries(f.defs)) {
        if (typeof d.description !== 'string') missing.push(`${f.family}#${name}`);
      }
      walkSchema(f.schema, (s, pointer) => {
        if (!isObject(s.properties)) return;
        for (const [prop, ps] of Object.entries(s.properties)) {
          if (pointer.includes('/if')) continue; // dispatch conditions, not declarations
          if (isObject(ps) && typeof ps.description !== 'string' && typeof ps.$ref !== 'string' && !('const' in ps)) {
            missing.push(`${f.family}${pointer}/properties/${prop}`);
          }
        }
      });
    }
    expect(missing).toEqual([]);
  });

  it('the model stays open: no additionalProperties:false, no discriminator, no oneOf', () => {
    const found: string[] = [];
    for (const f of FILES) {
      walkSchema(f.schema, (s, pointer) => {
        if (s.additionalProperties === false) found.push(`${f.family}${pointer} additionalProperties:false`);
        if ('discriminator' in s) found.push(`${f.family}${pointer} discriminator`);
        if ('oneOf' in s) found.push(`${f.family}${pointer} oneOf`);
      });
    }
    expect(found).toEqual([]);
  });

  it('every kind dispatcher has a fallback to a common part that requires kind', () => {
    let dispatchers = 0;
    for (const f of FILES) {
      for (const [name, d] of Object.entries(f.defs)) {
        const dispatch = dispatcherBranches(d);
        if (!dispatch) continue;
        dispatchers++;
        expect(dispatch.base, name).toBeDefined();
        const fallback = d.allOf as Array<Record<string, unknown>>;
        const last = fallback[fallback.length - 1] as { if: { properties: { kind: { enum: string[] } } } };
        expect(last.if.properties.kind.enum.sort(), name).toEqual(dispatch.kinds.map((k) => k.kind).sort());
      }
    }
    expect(dispatchers).toBe(11);
  });

  it('min/max pairs are non-negative: integers for sizes, decimals for costs and metrics', () => {
    const pairs = FILES.find((f) => f.family === 'utils')!.defs;
    for (const [name, type, format] of [['MinMaxInteger', 'integer', 'int64'], ['MinMaxFloat', 'number', 'float']] as const) {
      const props = pairs[name]!.properties as Record<string, Record<string, unknown>>;
      for (const end of ['min', 'max']) expect(props[end]).toMatchObject({ type, format, minimum: 0 });
    }
  });
});
