import { describe, expect, it } from 'vitest';
import rule from '../../../../src/validate/rules/ref/parameter-links.js';
import { validate } from '../../../../src/validate/index.js';
import { request } from '../../helpers/fixtures.js';

const run = (inputs: unknown[] | undefined, outputs?: unknown[]) => {
  const d = request();
  if (inputs) d.executable.inputs = inputs;
  if (outputs) d.executable.outputs = outputs;
  return validate(d, { type: 'request', rules: [rule], schema: false }).findings.map((f) => [f.ruleId, f.pointer]);
};

describe('parameter-links (EB-REF-07)', () => {
  const data = request().data[0].meta.name as string;
  const storage = request().storage[0].meta.name as string;
  it('passes inputs linked to data or storage and outputs linked to storage', () => {
    expect(run([{ name: 'table', resource: data, env: 'TABLE' }, { name: 'scratch', resource: storage }], [{ name: 'result', resource: storage }])).toEqual([]);
  });
  it('reports a dangling input at its resource', () => {
    expect(run([{ name: 'table', resource: 'no-such-resource' }])).toEqual([['EB-REF-07', '/executable/inputs/0/resource']]);
  });
  it('reports an output linked to a data resource', () => {
    expect(run(undefined, [{ name: 'result', resource: data }])).toEqual([['EB-REF-07', '/executable/outputs/0/resource']]);
  });
  it('reports a name used twice and an env that is no variable name', () => {
    expect(run([{ name: 'x', resource: data, env: '1BAD-NAME' }], [{ name: 'x', resource: storage }])).toEqual([
      ['EB-REF-07', '/executable/inputs/0/env'],
      ['EB-REF-07', '/executable/outputs/0/name'],
    ]);
  });
});
