import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { asArray, get } from '../../lib/context.js';
import { toText } from '../../../src/util/index.js';

/**
 * A parseable request that breaks the schema gets an error document (EB-ERR-08): 422 INVALID_DOCUMENT listing
 * the findings, or 400 MALFORMED_BODY from a service that binds the body while it parses it. Findings in the
 * messages are asked of a 422 only (EB-ERR-10).
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-08', 'EB-ERR-10'],
  title: 'A parseable request that breaks the schema is refused: 422 INVALID_DOCUMENT listing the findings, or 400',
  async run(ctx: CheckContext) {
    const request = ctx.request();
    (request['compute'] as Record<string, unknown>)['cores'] = { min: 'many', max: 4 };
    const ex = await ctx.post(ctx.url('/requests'), request, 'request', { format: 'json', accept: 'json' });
    ctx.ensure(
      ex.status === 400 || ex.status === 422,
      `a request with cores.min = "many": answered ${ex.status}, expected 422 INVALID_DOCUMENT or 400 MALFORMED_BODY`,
    );
    if (ex.status === 400) {
      ctx.expectRefusal(ex, [400], 'a request with cores.min = "many"', ['MALFORMED_BODY']);
      const listed = asArray(get(ex.value, 'messages')).length;
      return {
        outcome: 'pass',
        message:
          listed > 0
            ? `400 MALFORMED_BODY with ${listed} message(s) (allowed)`
            : '400 MALFORMED_BODY (allowed; 422 INVALID_DOCUMENT could list the findings)',
      };
    }
    ctx.expectRefusal(ex, [422], 'a request with cores.min = "many"', ['INVALID_DOCUMENT']);
    const messages = asArray(get(ex.value, 'messages'));
    ctx.ensure(messages.length > 0, 'the 422 error document lists no findings in messages');
    const typed = messages.every((m) => toText(get(m, 'kind') ?? '').startsWith('urn:ebkit:finding:'));
    if (!typed) ctx.warn('findings in messages do not use kind urn:ebkit:finding:<ruleId> (EB-ERR-10)', 'EB-ERR-10');
    return { outcome: 'pass', message: `422 INVALID_DOCUMENT with ${messages.length} finding(s)` };
  },
});
