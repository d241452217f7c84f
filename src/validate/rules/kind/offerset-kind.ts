import { defineRule } from '../../rule.js';
import { BROKER_OFFERSET_KIND, OFFERSET_KIND, olderKind } from '../../generations.js';
import { isObject } from '../../../util/index.js';

/**
 * The schema defines no offer-set kind (the member is allowed, the value
 * checks nothing). The Java reference broker sends its own, and older
 * generations had theirs: name each, never as an error.
 */
export default defineRule({
  slug: 'offerset-kind',
  requirements: ['EB-DM-06', 'EB-DM-07'],
  appliesTo: ['offerset'],
  check(ctx) {
    const kind = isObject(ctx.root) ? ctx.root.kind : undefined;
    if (typeof kind !== 'string') return;
    const older = olderKind(kind);
    if (older) {
      ctx.report({
        requirement: 'EB-DM-07',
        pointer: '/kind',
        message: `"${kind}" is an offer-set kind of ${older.generation}; 1.0 defines no offer-set kind, so the member can go`,
        params: { kind, generation: older.generation },
      });
      return;
    }
    ctx.report({
      requirement: 'EB-DM-06',
      pointer: '/kind',
      message:
        kind === BROKER_OFFERSET_KIND
          ? `"${kind}" is the Java reference broker's own offer-set kind; the schema defines no offer-set kind, so it is not checked`
          : `the offer-set kind "${kind}"${OFFERSET_KIND.test(kind) ? '' : ' (not an offer-set URI)'} is not defined by the schema, which defines no offer-set kind; it is not checked`,
      params: { kind, family: 'offerset' },
    });
  },
});
