import { defineRule } from '../../rule.js';
import { ERROR_STATUS } from '../../../model/kinds.js';
import { isObject } from '../../../util/index.js';

/** The statuses of the table in spec §6.4, each with its general code (from errors.schema.json). */
const GENERAL_BY_STATUS: ReadonlyMap<number, string> = new Map(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code]),
);

/**
 * EB-ERR-13: an error document's status is one of the table's; the schema ties each general code to one
 * status, so this rule names the table when the status is outside it rather than a const mismatch.
 */
export default defineRule({
  slug: 'status-in-table',
  requirements: ['EB-ERR-13'],
  appliesTo: ['error'],
  check(ctx) {
    const doc = ctx.root;
    if (!isObject(doc) || typeof doc.status !== 'number' || GENERAL_BY_STATUS.has(doc.status)) return;
    const listed = [...GENERAL_BY_STATUS.keys()].sort((a, b) => a - b).join(', ');
    ctx.report({
      requirement: 'EB-ERR-13',
      pointer: '/status',
      message: `status ${doc.status} is not in the error table of spec §6.4 (${listed})`,
      params: { status: doc.status },
    });
  },
});
