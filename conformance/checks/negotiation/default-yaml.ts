import type { CheckContext, Exchange } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectFormat } from '../../lib/formats.js';
import { offersOf } from '../../lib/offers.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-03'],
  title: 'With no media type declared, or JSON and YAML declared equally, YAML is read and written',
  async run(ctx: CheckContext) {
    const { offersetUrl } = await ctx.submit(ctx.request(), { format: 'json', accept: 'json' });
    // With a 303 broker the offer set is re-read; one answering 200 shows its Accept handling on a fresh POST.
    const read = async (accept: string | undefined): Promise<Exchange> => {
      if (offersetUrl)
        return ctx.get(offersetUrl, accept === undefined ? { expect: 'offerset' } : { accept, expect: 'offerset' });
      const ex = await ctx.post(ctx.url('/requests'), ctx.request(), 'request', {
        format: 'json',
        ...(accept === undefined ? {} : { accept }),
        expect: 'offerset',
      });
      for (const offer of offersOf(ex.value)) ctx.track(offer);
      // Each POST may be answered either way (EB-HTTP-06; submitting is not idempotent, EB-HTTP-05): a 303 this
      // time is followed with the same Accept, and the offer set it names is what shows the default.
      if (ex.status !== 303) return ex;
      const next = ctx.followable(
        ex.headers['location'],
        'the Location header of the 303 answer to POST /requests',
        ex.url,
        'EB-HTTP-06',
      );
      const set = await ctx.get(next, accept === undefined ? { expect: 'offerset' } : { accept, expect: 'offerset' });
      for (const offer of offersOf(set.value)) ctx.track(offer);
      return set;
    };
    for (const accept of [
      undefined,
      '*/*',
      'application/json, application/yaml',
      'application/yaml, application/json',
    ]) {
      const ex = await read(accept);
      ctx.ensure(
        ex.status === 200,
        `${offersetUrl ? 'GET of the offer set' : 'POST /requests'} with Accept ${accept ?? '(none)'} answered ${ex.status}, expected 200`,
      );
      expectFormat(ctx, ex, 'yaml', `Accept ${accept ?? '(none)'}`);
    }
    // A YAML body with no Content-Type must be read as YAML.
    const ex = await ctx.post(ctx.url('/requests'), ctx.request(), 'request', {
      format: 'yaml',
      contentType: '',
      expect: 'offerset',
    });
    for (const offer of offersOf(ex.value)) ctx.track(offer);
    const answered = `a YAML body without Content-Type answered ${ex.status}, expected 303 or 200`;
    // A refusal is the body not read as YAML; another success (201, 302…) is EB-HTTP-06's (core-submit-redirect).
    ctx.ensure(ex.status < 400, answered);
    ctx.ensure(ex.status === 303 || ex.status === 200, answered, 'EB-HTTP-06');
    if (ex.status === 200) expectFormat(ctx, ex, 'yaml', 'answer to a request without Content-Type or Accept');
    return { outcome: 'pass', message: 'YAML is the default in both directions' };
  },
});
