import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { asArray, get } from '../../lib/context.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-08', 'EB-ERR-10'],
  title: 'A parseable request that breaks the schema is 422 INVALID_DOCUMENT listing the findings',
  async run(ctx: CheckContext) {
    const request = ctx.request();
    (request['compute'] as Record<string, unknown>)['cores'] = { min: 'many', max: 4 };
    const ex = await ctx.post(ctx.url('/requests'), request, 'request', { format: 'json', accept: 'json' });
    ctx.expectRefusal(ex, [422], 'a request with cores.min = "many"', ['INVALID_DOCUMENT']);
    const messages = asArray(get(ex.value, 'messages'));
    ctx.ensure(messages.length > 0, 'the 422 error document lists no findings in messages');
    const typed = messages.every((m) => String(get(m, 'kind') ?? '').startsWith('urn:ebkit:finding:'));
    if (!typed) ctx.warn('findings in messages do not use kind urn:ebkit:finding:<ruleId> (EB-ERR-10)');
    return { outcome: 'pass', message: `422 INVALID_DOCUMENT with ${messages.length} finding(s)` };
  },
});
