import { describe, expect, it } from 'vitest';
import { KINDS, KINDS_BY_TYPE, OPTION_KINDS, UPDATE_KINDS } from '../../src/model/kinds.js';
import { DOCUMENT_VALIDATORS, TYPE_VALIDATORS, schemaErrors } from '../../src/validate/schema-validators.js';
import { check } from './helpers.js';

const UNKNOWN = 'https://example.org/kinds/zeppelin-notebook.yaml';
const paths = (errors: Array<{ instancePath: string; keyword: string }>) => errors.map((e) => `${e.instancePath} ${e.keyword}`).sort();

describe('kind dispatch (open model)', () => {
  it('an unknown executable kind validates against the common part', () => {
    expect(check('request', { executable: { kind: UNKNOWN, meta: { name: 'z' }, notebook: 'anything' } })).toEqual([]);
  });

  it('a bad meta under an unknown kind still fails, once', () => {
    const errors = check('request', { executable: { kind: UNKNOWN, meta: { uuid: 'not-a-uuid' }, phase: 'READY' } });
    expect(paths(errors)).toEqual(['/executable/meta/uuid format', '/executable/phase enum']);
  });

  it('a missing kind fails with one error at the component', () => {
    const errors = check('request', { executable: { meta: { name: 'x' } } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ instancePath: '/executable', keyword: 'required', params: { missingProperty: 'kind' } });
  });

  it('a component kind must be a URI', () => {
    expect(paths(check('request', { executable: { kind: 'docker container' } }))).toEqual(['/executable/kind format']);
  });

  it('a component that is not an object gets one type error', () => {
    expect(paths(check('request', { compute: 'big' }))).toEqual(['/compute type']);
    expect(paths(check('request', { storage: [42] }))).toEqual(['/storage/0 type']);
  });

  it('errors inside a known kind come only from that kind', () => {
    const errors = check('request', {
      executable: { kind: KINDS.DockerContainer, privileged: 'yes', image: { locations: 'x' }, meta: { uuid: 1 } },
    });
    expect(paths(errors)).toEqual([
      '/executable/image/locations type',
      '/executable/meta/uuid type',
      '/executable/privileged type',
    ]);
    for (const e of errors) expect(e.schemaPath).not.toMatch(/Jupyter|Singularity|ExecutableBase/);
  });

  it('a known kind is checked against its own members, an unknown kind is not', () => {
    const volume = { path: 7, mode: 'rw' };
    expect(paths(check('AbstractVolumeMount', { kind: KINDS.SimpleVolumeMount, ...volume }))).toEqual(['/mode enum', '/path type']);
    expect(check('AbstractVolumeMount', { kind: UNKNOWN, ...volume })).toEqual([]);
  });

  it('every known kind selects a type whose kind constant is that kind', () => {
    for (const [abstract, kinds] of Object.entries(KINDS_BY_TYPE)) {
      for (const kind of kinds) {
        const errors = check(abstract, { kind, path: 'phase', value: 'x', values: [], delta: 1 });
        // Only member-type errors may remain (e.g. value must be an integer); never a kind or required error on kind.
        expect(errors.filter((e) => e.instancePath === '/kind' || e.params.missingProperty === 'kind')).toEqual([]);
      }
    }
  });

  it('sessions: unknown kind with a good body passes; known kind with a bad phase fails', () => {
    expect(schemaErrors(DOCUMENT_VALIDATORS.session, { kind: UNKNOWN, phase: 'WHATEVER' })).toEqual([]);
    expect(paths(schemaErrors(DOCUMENT_VALIDATORS.session, { kind: KINDS.SimpleExecutionSession, phase: 'READY' }))).toEqual([
      '/phase enum',
    ]);
  });

  it('costs: the abstract cost kind selects the common part; min/max must be non-negative numbers', () => {
    expect(check('AbstractCostItem', { kind: KINDS.AbstractCostItem, type: 'urn:ivoa:calycopis:cost:monetary' })).toEqual([]);
    expect(paths(check('AbstractCostItem', { kind: KINDS.SimpleMinMaxFloatCost, min: -1, max: 'x' }))).toEqual([
      '/max type',
      '/min minimum',
    ]);
  });
});

describe('options and updates', () => {
  it('an update needs kind and path, and its value or delta (EB-UPD-05)', () => {
    expect(schemaErrors(DOCUMENT_VALIDATORS.update, { kind: UPDATE_KINDS.EnumValueUpdate, path: 'phase', value: 'ACCEPTED' })).toEqual([]);
    expect(paths(schemaErrors(DOCUMENT_VALIDATORS.update, { kind: UPDATE_KINDS.EnumValueUpdate, path: 'phase' }))).toEqual([' required']);
    expect(paths(schemaErrors(DOCUMENT_VALIDATORS.update, { kind: UPDATE_KINDS.IntegerDeltaUpdate, path: 'x', delta: 1.5 }))).toEqual([
      '/delta type',
    ]);
    expect(paths(schemaErrors(DOCUMENT_VALIDATORS.update, { value: 'ACCEPTED' }))).toEqual([' required', ' required']);
  });

  it('an unknown update kind validates the common part only', () => {
    expect(schemaErrors(DOCUMENT_VALIDATORS.update, { kind: 'uri:colour-update', path: 'colour', value: 3 })).toEqual([]);
    expect(paths(schemaErrors(DOCUMENT_VALIDATORS.update, { kind: 'uri:colour-update' }))).toEqual([' required']);
  });

  it('an enum option needs its values', () => {
    const v = TYPE_VALIDATORS.AbstractOption!;
    expect(schemaErrors(v, { kind: OPTION_KINDS.EnumValueOption, path: 'phase', values: ['ACCEPTED'] })).toEqual([]);
    expect(paths(schemaErrors(v, { kind: OPTION_KINDS.EnumValueOption, path: 'phase' }))).toEqual([' required']);
  });
});
