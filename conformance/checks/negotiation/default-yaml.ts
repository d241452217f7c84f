import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectFormat } from '../../lib/formats.js';

export default defineCheck({
  id: 'negotiation-default-yaml',
  class: 'negotiation',
  level: 'MUST',
  requirements: ['EB-HTTP-03'],
  title: 'With no media type declared, or JSON and YAML declared equally, YAML is read and written',
  async run(ctx: CheckContext) {
    const { offersetUrl } = await ctx.submit(ctx.request(), { format: 'json', accept: 'json' });
    if (!offersetUrl) ctx.skip('precondition not met: the broker answers 200 without an offer-set URL to GET');
    for (const accept of [undefined, '*/*', 'application/json, application/yaml', 'application/yaml, application/json']) {
      const ex = await ctx.get(offersetUrl, accept === undefined ? { expect: 'offerset' } : { accept, expect: 'offerset' });
      ctx.ensure(ex.status === 200, `GET with Accept ${accept ?? '(none)'} answered ${ex.status}`);
      expectFormat(ctx, ex, 'yaml', `Accept ${accept ?? '(none)'}`);
    }
    // A YAML body with no Content-Type must be read as YAML.
    const ex = await ctx.post(ctx.url('/requests'), ctx.request(), 'request', { format: 'yaml', contentType: '', expect: 'offerset' });
    ctx.ensure(ex.status === 303 || ex.status === 200, `a YAML body without Content-Type answered ${ex.status}, expected 303 or 200`);
    if (ex.status === 200) expectFormat(ctx, ex, 'yaml', 'answer to a request without Content-Type or Accept');
    return { outcome: 'pass', message: 'YAML is the default in both directions' };
  },
});
