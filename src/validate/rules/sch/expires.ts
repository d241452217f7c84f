import { defineRule } from '../../rule.js';
import { compareInstants, instantOf } from '../../iso8601.js';
import { isObject, toText } from '../../../util/index.js';

/** An offer is a quote with a deadline: OFFERED needs expires, and only OFFERED has one. */
export default defineRule({
  slug: 'expires',
  requirements: ['EB-LIFE-12', 'EB-SCH-06'],
  appliesTo: ['offerset', 'session'],
  check(ctx) {
    const root = ctx.root;
    const created =
      ctx.type === 'offerset' && isObject(root) && isObject(root.meta) ? instantOf(root.meta.created) : undefined;
    for (const s of ctx.nodes.sessions) {
      const phase = s.value.phase;
      const expires = s.value.expires;
      // A null (a Java broker's absent member; EB-DM-09 reports it) is no time: as absent for both requirements.
      if (phase === 'OFFERED' && (expires === undefined || expires === null)) {
        ctx.report({
          requirement: 'EB-LIFE-12',
          pointer: expires === null ? `${s.pointer}/expires` : s.pointer,
          message:
            expires === null
              ? `${s.pointer || 'the session'} is OFFERED but its "expires" is null, not a time`
              : `${s.pointer || 'the session'} is OFFERED but has no "expires" member`,
          params: { member: 'expires' },
        });
        continue;
      }
      if (expires === undefined || expires === null) continue;
      if (typeof phase === 'string' && phase !== 'OFFERED') {
        ctx.report({
          requirement: 'EB-SCH-06',
          pointer: `${s.pointer}/expires`,
          message: `"expires" is only meaningful while the phase is OFFERED, but the phase is ${phase}`,
          params: { phase },
        });
      }
      const at = instantOf(expires);
      if (phase === 'OFFERED' && at !== undefined && created !== undefined && compareInstants(at, created) <= 0) {
        ctx.report({
          requirement: 'EB-LIFE-12',
          pointer: `${s.pointer}/expires`,
          message: `the offer expires at ${toText(expires)}, not after the offer set was created`,
          params: { expires },
        });
      }
    }
  },
});
