import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { phaseUpdate } from '../../lib/fixtures.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-03', 'EB-ERR-01', 'EB-ERR-02'],
  title: 'GET and POST of an unknown session uuid are 404 UNKNOWN_SESSION',
  async run(ctx: CheckContext) {
    const url = ctx.url(`/sessions/${crypto.randomUUID()}`);
    const g = await ctx.get(url, { accept: 'json' });
    ctx.expectRefusal(g, [404], 'GET of an unknown session', ['UNKNOWN_SESSION']);
    const p = await ctx.post(url, phaseUpdate('ACCEPTED'), 'update', { format: 'json', accept: 'json' });
    ctx.expectRefusal(p, [404], 'POST to an unknown session', ['UNKNOWN_SESSION']);
    return { outcome: 'pass', message: '404 UNKNOWN_SESSION for GET and POST' };
  },
});
