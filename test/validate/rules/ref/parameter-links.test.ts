import rule from '../../../../src/validate/rules/ref/parameter-links.js';
import { request } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

function withParameters(inputs: unknown[] | undefined, outputs?: unknown[]): ReturnType<typeof request> {
  const d = request();
  if (inputs) d.executable.inputs = inputs;
  if (outputs) d.executable.outputs = outputs;
  return d;
}

const data = request().data[0].meta.name as string;
const storage = request().storage[0].meta.name as string;

testRule(rule, [
  {
    name: 'passes inputs linked to data or storage and outputs linked to storage',
    type: 'request',
    doc: withParameters(
      [
        { name: 'table', resource: data, env: 'TABLE' },
        { name: 'scratch', resource: storage },
      ],
      [{ name: 'result', resource: storage }],
    ),
    findings: [],
  },
  {
    name: 'reports a dangling input at its resource (EB-REF-07)',
    type: 'request',
    doc: withParameters([{ name: 'table', resource: 'no-such-resource' }]),
    findings: [{ ruleId: 'EB-REF-07', pointer: '/executable/inputs/0/resource' }],
  },
  {
    name: 'reports an output linked to a data resource (EB-REF-07)',
    type: 'request',
    doc: withParameters(undefined, [{ name: 'result', resource: data }]),
    findings: [{ ruleId: 'EB-REF-07', pointer: '/executable/outputs/0/resource' }],
  },
  {
    name: 'reports a name used twice and an env that is no variable name (EB-REF-07)',
    type: 'request',
    doc: withParameters([{ name: 'x', resource: data, env: '1BAD-NAME' }], [{ name: 'x', resource: storage }]),
    findings: [
      { ruleId: 'EB-REF-07', pointer: '/executable/inputs/0/env' },
      { ruleId: 'EB-REF-07', pointer: '/executable/outputs/0/name' },
    ],
  },
]);
