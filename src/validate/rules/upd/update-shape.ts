import { defineRule, type RuleContext } from '../../rule.js';
import { show } from '../../schema-stage.js';
import type { ComponentNode } from '../../walker.js';

const VALUE_TYPE: Record<string, 'string' | 'integer'> = {
  'uri:string-value-update': 'string',
  'uri:enum-value-update': 'string',
  'uri:integer-value-update': 'integer',
};

function missing(ctx: RuleContext, n: ComponentNode, member: string, what: string): void {
  ctx.report({
    requirement: 'EB-UPD-05',
    pointer: n.pointer,
    message: `${n.pointer || 'the update'}: missing required member "${member}" (${what})`,
    params: { member },
  });
}

/** An update names what to change and to what; an option names what may change. */
export default defineRule({
  slug: 'update-shape',
  requirements: ['EB-UPD-05'],
  appliesTo: ['update', 'offerset', 'session'],
  check(ctx) {
    for (const n of ctx.nodes.byFamily('update')) checkOne(ctx, n);
    for (const n of ctx.nodes.byFamily('option')) checkOne(ctx, n);
  },
});

function checkOne(ctx: RuleContext, n: ComponentNode): void {
  const v = n.value;
  if (typeof v.path !== 'string' || v.path === '') missing(ctx, n, 'path', 'the member to change');
  if (n.family === 'option') {
    if (n.kind === 'uri:enum-value-option' && !Array.isArray(v.values)) missing(ctx, n, 'values', 'the values allowed');
    return;
  }
  const isDelta = n.kind === 'uri:integer-delta-update';
  const member = isDelta ? 'delta' : 'value';
  const got = v[member];
  if (got === undefined) {
    missing(ctx, n, member, isDelta ? 'the change' : 'the new value');
    return;
  }
  const want = isDelta
    ? 'integer'
    : n.kind === undefined || !Object.prototype.hasOwnProperty.call(VALUE_TYPE, n.kind)
      ? undefined
      : VALUE_TYPE[n.kind];
  const ok = want === undefined || (want === 'string' ? typeof got === 'string' : Number.isInteger(got));
  if (!ok) {
    ctx.report({
      requirement: 'EB-UPD-05',
      pointer: `${n.pointer}/${member}`,
      message: `${n.pointer}/${member} must be ${want === 'string' ? 'a string' : 'an integer'}, found ${show(got)}`,
      params: { expected: want },
    });
  }
}
