import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectFormat } from '../../lib/formats.js';
import { isDoc } from '../../lib/context.js';
import { offersOf } from '../../lib/offers.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-08', 'EB-HTTP-16', 'EB-XML-01', 'EB-XML-03'],
  title: 'XML is either offered for every body and valid against the XSD, or consistently refused with 406/415',
  async run(ctx: CheckContext) {
    const first = await ctx.post(ctx.url('/requests'), ctx.request(), 'request', { format: 'xml', accept: 'xml', expect: 'offerset' });
    if (first.status === 415) {
      ctx.expectRefusal(first, [415], 'POST /requests with an XML body');
      const { offersetUrl } = await ctx.submit(ctx.request(), { format: 'json', accept: 'json' });
      // Without an offer-set URL (a broker answering 200), a JSON request asking for XML is the probe.
      const probe = offersetUrl
        ? await ctx.get(offersetUrl, { accept: 'application/xml' })
        : await ctx.post(ctx.url('/requests'), ctx.request(), 'request', { format: 'json', accept: 'application/xml' });
      for (const offer of offersOf(probe.value)) ctx.track(offer);
      ctx.expectRefusal(probe, [406], 'XML bodies are refused (415), so Accept: application/xml');
      return { outcome: 'pass', message: 'XML is not offered, and is refused consistently (415 in, 406 out)' };
    }
    let final = first;
    if (first.status === 303) {
      const url = ctx.followable(first.headers['location'], 'the Location header', first.url);
      final = await ctx.get(url, { accept: 'xml', expect: 'offerset' });
    }
    ctx.ensure(final.status === 200 || first.status === 200, `POST /requests with an XML body answered ${first.status}`);
    expectFormat(ctx, final, 'xml', 'the offer set');
    ctx.ensure(isDoc(final.value), 'the XML offer set could not be mapped to an object');
    const xsd = final.evidence.findings ?? [];
    const bad = xsd.filter((f) => f.level === 'error');
    ctx.ensure(bad.length === 0, `the XML offer set is not valid: ${bad.slice(0, 3).map((f) => `${f.ruleId}: ${f.message}`).join('; ')}`);
    ctx.ensure(/xmlns(:\w+)?="http:\/\/www\.ivoa\.net\/xml\/ExecutionBroker\/v1\.0"/.test(final.text), 'the XML offer set is not in the ExecutionBroker namespace');
    return { outcome: 'pass', message: 'XML in, XML out, valid against the XSD' };
  },
});
