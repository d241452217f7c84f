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
    const first = await ctx.post(ctx.url('/requests'), ctx.request(), 'request', {
      format: 'xml',
      accept: 'xml',
      expect: 'offerset',
    });
    // A broker without XML may answer an XML body sent with Accept: application/xml with 415 (the intended
    // order, spec/06 §6.2) or 406: both conditions hold. The other direction is then probed on its own.
    if (first.status === 415 || first.status === 406) {
      ctx.expectRefusal(
        first,
        [first.status],
        'POST /requests with an XML body and Accept: application/xml',
        [first.status === 415 ? 'UNSUPPORTED_CONTENT_TYPE' : 'NO_ACCEPTABLE_FORMAT'],
        'EB-HTTP-16',
      );
      if (first.status === 406) {
        const body = await ctx.post(ctx.url('/requests'), ctx.request(), 'request', { format: 'xml', accept: 'json' });
        ctx.expectRefusal(
          body,
          [415],
          'XML is not produced (406), so an XML body with Accept: application/json',
          ['UNSUPPORTED_CONTENT_TYPE'],
          'EB-HTTP-16',
        );
        return { outcome: 'pass', message: 'XML is not offered, and is refused consistently (406 out, then 415 in)' };
      }
      const { offersetUrl } = await ctx.submit(ctx.request(), { format: 'json', accept: 'json' });
      // Without an offer-set URL (a broker answering 200), a JSON request asking for XML is the probe.
      const probe = offersetUrl
        ? await ctx.get(offersetUrl, { accept: 'application/xml' })
        : await ctx.post(ctx.url('/requests'), ctx.request(), 'request', { format: 'json', accept: 'application/xml' });
      for (const offer of offersOf(probe.value)) ctx.track(offer);
      ctx.expectRefusal(
        probe,
        [406],
        'XML bodies are refused (415), so Accept: application/xml',
        ['NO_ACCEPTABLE_FORMAT'],
        'EB-HTTP-16',
      );
      return { outcome: 'pass', message: 'XML is not offered, and is refused consistently (415 in, 406 out)' };
    }
    let final = first;
    if (first.status === 303) {
      const url = ctx.followable(first.headers['location'], 'the Location header', first.url);
      final = await ctx.get(url, { accept: 'xml', expect: 'offerset' });
      ctx.ensure(
        final.status === 200,
        `the Location of the 303 answer to the XML POST /requests (${url}) is wrong: GET of it answered ${final.status}, expected 200 with the offer set`,
        'EB-HTTP-06',
      );
    }
    ctx.ensure(
      final.status === 200 || first.status === 200,
      `POST /requests with an XML body answered ${first.status}${final !== first ? ` and its Location ${final.status}` : ''}, expected 303/200 (XML offered) or 415/406 (XML refused)`,
      'EB-HTTP-16',
    );
    expectFormat(ctx, final, 'xml', 'the offer set');
    ctx.ensure(isDoc(final.value), 'the XML offer set could not be mapped to an object');
    // The XSD (EB-XML-01) is this check's to judge; rules filed under other requirements are notes here.
    const bad = ctx.judgedErrors(final);
    ctx.noteErrors(final, 'the XML offer set', bad);
    ctx.ensure(
      bad.length === 0,
      `the XML offer set is not valid: ${bad
        .slice(0, 3)
        .map((f) => `${f.ruleId}: ${f.message}`)
        .join('; ')}`,
      'EB-XML-01',
    );
    ctx.ensure(
      /xmlns(:\w+)?="http:\/\/www\.ivoa\.net\/xml\/ExecutionBroker\/v1\.0"/.test(final.text),
      'the XML offer set is not in the ExecutionBroker namespace',
    );
    return { outcome: 'pass', message: 'XML in, XML out, valid against the XSD' };
  },
});
