import { defineRule } from '../../rule.js';
import { isObject } from '../../../util/index.js';
import { identifiers } from '../names.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * EB-REF-07: every input of an executable names a data or storage resource of the same request, every output
 * a storage resource; parameter names are unique, and an `env` is a usable environment variable name.
 */
export default defineRule({
  slug: 'parameter-links',
  requirements: ['EB-REF-07'],
  appliesTo: ['request'],
  check(ctx) {
    const scope = ctx.nodes.request;
    const exe = scope?.executable;
    if (!scope || !exe) return;
    const storage = identifiers(scope.storage);
    const data = identifiers(scope.data);
    const seen = new Set<string>();
    for (const role of ['inputs', 'outputs'] as const) {
      const list = exe.value[role];
      if (!Array.isArray(list)) continue;
      list.forEach((param, i) => {
        if (!isObject(param)) return;
        const at = `${exe.pointer}/${role}/${i}`;
        if (typeof param.name === 'string') {
          if (seen.has(param.name))
            ctx.report({
              requirement: 'EB-REF-07',
              pointer: `${at}/name`,
              message: `the parameter name "${param.name}" is used twice among the executable's inputs and outputs`,
              params: { name: param.name },
            });
          seen.add(param.name);
        }
        if (typeof param.env === 'string' && !ENV_NAME.test(param.env)) {
          ctx.report({
            requirement: 'EB-REF-07',
            pointer: `${at}/env`,
            message: `"${param.env}" is not an environment variable name (letters, digits and _, not starting with a digit)`,
            params: { env: param.env },
          });
        }
        const ref = param.resource;
        if (typeof ref !== 'string') return;
        const isStorage = storage.has(ref);
        const isData = data.has(ref);
        if (role === 'outputs' && !isStorage) {
          const why = isData
            ? `names a data resource; an output is written to a storage resource`
            : 'names no storage resource of this request';
          ctx.report({
            requirement: 'EB-REF-07',
            pointer: `${at}/resource`,
            message: `the output "${String(param.name)}" resource "${ref}" ${why}`,
            params: { resource: ref },
          });
        } else if (role === 'inputs' && !isStorage && !isData) {
          ctx.report({
            requirement: 'EB-REF-07',
            pointer: `${at}/resource`,
            message: `the input "${String(param.name)}" resource "${ref}" names no data or storage resource of this request`,
            params: { resource: ref },
          });
        }
      });
    }
  },
});
