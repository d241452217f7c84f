import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { defaultRules, defineRule, detectDocumentType, validate } from '../../src/validate/index.js';
import { request, session, update } from './helpers/fixtures.js';
import { show } from '../../src/validate/schema-stage.js';

describe('validate engine', () => {
  it('turns a throwing rule into one EBK_RULE_CRASHED finding and still runs the others', () => {
    const boom = defineRule({
      slug: 'boom',
      requirements: ['EB-DM-01'],
      appliesTo: ['request'],
      check: () => {
        throw new Error('kaput');
      },
    });
    const d = request();
    d.compute.cores = { min: 9, max: 1 };
    const r = validate(d, { type: 'request', rules: [boom, ...defaultRules] });
    const crashes = r.findings.filter((f) => f.ruleId === 'EBK_RULE_CRASHED');
    expect(crashes).toHaveLength(1);
    expect(crashes[0]?.rule).toBe('boom');
    expect(crashes[0]?.message).toContain('kaput');
    expect(r.findings.some((f) => f.ruleId === 'EB-DM-01')).toBe(true);
  });

  it('derives the level from the register: MUST → error, SHOULD → warning, MAY → info; a rule may only lower', () => {
    const probe = defineRule({
      slug: 'probe',
      requirements: ['EB-DM-01', 'EB-OFF-09', 'EB-DM-08'],
      appliesTo: ['request'],
      check(ctx) {
        ctx.report({ requirement: 'EB-DM-01', pointer: '/a', message: 'must' });
        ctx.report({ requirement: 'EB-OFF-09', pointer: '/b', message: 'should' });
        ctx.report({ requirement: 'EB-DM-08', pointer: '/c', message: 'may' });
        ctx.report({ requirement: 'EB-DM-08', pointer: '/d', message: 'may, raised?', lower: 'error' });
        ctx.report({ requirement: 'EB-DM-01', pointer: '/e', message: 'lowered', lower: 'warning' });
      },
    });
    const r = validate(request(), { type: 'request', rules: [probe], schema: false });
    const level = (p: string): string | undefined => r.findings.find((f) => f.pointer === p)?.level;
    expect([level('/a'), level('/b'), level('/c'), level('/d'), level('/e')]).toEqual([
      'error',
      'warning',
      'info',
      'info',
      'warning',
    ]);
    expect(r.findings.find((f) => f.pointer === '/a')?.specRef).toMatch(/^§\d/);
  });

  it('runs only the rules that apply to the document type', () => {
    let ran = 0;
    const onlyUpdates = defineRule({ slug: 'u', requirements: [], appliesTo: ['update'], check: () => void ran++ });
    validate(request(), { type: 'request', rules: [onlyUpdates] });
    validate(update(), { type: 'update', rules: [onlyUpdates] });
    expect(ran).toBe(1);
  });

  it('reports an undeterminable type instead of guessing', () => {
    const r = validate({ hello: 'world' });
    expect(r.type).toBeUndefined();
    expect(r.valid).toBe(false);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['EBK_UNKNOWN_TYPE']);
  });

  it('passes parse findings through for unparseable input', () => {
    const r = validate(parse('{"a": ', { format: 'json' }));
    expect(r.valid).toBe(false);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.every((f) => f.ruleId.startsWith('EBK_'))).toBe(true);
  });
});

describe('schema stage translation', () => {
  it('says what was expected and what was found', () => {
    const d = request();
    d.compute.cores.min = 'four';
    const f = validate(d, { type: 'request' }).findings.find((x) => x.pointer === '/compute/cores/min');
    expect(f?.message).toBe('/compute/cores/min must be an integer, found "four"');
    expect(f?.ruleId).toBe('EB-DM-09');
    expect(f?.rule).toBe('schema');
  });

  it('a null where a value is due says it is how the Java broker writes an absent member, and what to do', () => {
    const d = request();
    d.compute.cores.min = null;
    const f = validate(d, { type: 'request' }).findings.find((x) => x.pointer === '/compute/cores/min');
    expect(f?.message).toBe(
      '/compute/cores/min must be an integer, found null; a Java (Jackson) broker writes an absent member so: leave it out (ebkit migrate drops such nulls)',
    );
  });

  it('a long value found is clipped in the middle, so its end (often what is wrong) still shows', () => {
    const kind = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/jupyter-notebook.yaml ';
    expect(show(kind)).toBe('"https://www.purl.org/ivoa.net/Calycopis…r-notebook.yaml "');
    expect(show('short')).toBe('"short"');
  });

  it('points a missing member at its parent and names it', () => {
    const d = request();
    delete d.executable.kind;
    const r = validate(d, { type: 'request' });
    const kind = r.findings.filter((x) => x.ruleId === 'EB-KIND-01');
    expect(kind).toHaveLength(1);
    expect(kind[0]?.pointer).toBe('/executable');
    expect(kind[0]?.params).toEqual({ member: 'kind' });
    expect(kind[0]?.message).toContain('missing required member "kind"');
    // one finding per problem: no "must match then/else schema" wrappers
    expect(r.findings.filter((x) => x.message.includes('schema"'))).toEqual([]);
  });

  it('maps enums to EB-DM-02, ISO patterns to EB-SCH-05 and update shapes to EB-UPD-05', () => {
    const d = request();
    d.compute.volumes[0].mode = 'RW';
    d.schedule.requested.duration = 'P1H';
    const ids = validate(d, { type: 'request' }).findings.map((f) => `${f.ruleId} ${f.pointer}`);
    expect(ids).toContain('EB-DM-02 /compute/volumes/0/mode');
    expect(ids).toContain('EB-SCH-05 /schedule/requested/duration');
    const u = validate({ kind: 'uri:enum-value-update', path: 'phase' }, { type: 'update' });
    expect(u.findings.map((f) => f.ruleId)).toEqual(['EB-UPD-05']);
  });

  it('maps error-document code mismatches to EB-ERR-02', () => {
    const r = validate({ status: 404, error: 'CONFLICT', code: 'UPDATE_NOT_OFFERED', message: 'x' }, { type: 'error' });
    expect(r.findings.some((f) => f.ruleId === 'EB-ERR-02')).toBe(true);
  });
});

describe('detectDocumentType', () => {
  const cases: [string, unknown, string | undefined][] = [
    ['request', { executable: {}, compute: {} }, 'request'],
    ['offerset', { result: 'NO' }, 'offerset'],
    ['session by phase + executable', { phase: 'OFFERED', executable: {} }, 'session'],
    ['session by kind', { kind: 'https://x/kinds/session/simple-execution-session.yaml' }, 'session'],
    ['update', { kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' }, 'update'],
    ['error', { status: 404, code: 'UNKNOWN_SESSION', message: 'm', error: 'NOT_FOUND' }, 'error'],
    ['nothing', { a: 1 }, undefined],
    ['array', [1], undefined],
    ['null', null, undefined],
  ];
  for (const [name, value, type] of cases) it(name, () => expect(detectDocumentType(value)).toBe(type));
  it('the session fixture is a session', () => expect(detectDocumentType(session())).toBe('session'));
});

describe('hostile values in messages', () => {
  it('clips a huge quoted value', () => {
    const d = request();
    d.executable.kind = `https://example.org/${'x'.repeat(100_000)}`;
    const r = validate(d, { type: 'request' });
    expect(r.findings.length).toBeGreaterThan(0);
    for (const f of r.findings) expect(f.message.length).toBeLessThanOrEqual(400);
  });
});

describe('extension kinds', () => {
  it('are information, and their common part is still checked', () => {
    const d = request();
    d.executable = { kind: 'https://example.org/kinds/zeppelin-notebook.yaml', meta: { name: 42 } };
    const r = validate(d, { type: 'request' });
    const ext = r.findings.find((f) => f.ruleId === 'EB-DM-06');
    expect(ext?.level).toBe('info');
    expect(ext?.pointer).toBe('/executable/kind');
    expect(r.findings.some((f) => f.pointer === '/executable/meta/name' && f.level === 'error')).toBe(true);
  });
});
