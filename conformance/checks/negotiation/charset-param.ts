import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

/**
 * What real clients put in Content-Type: Spring's `application/json;charset=UTF-8` (no space, upper case) and the
 * standard's own `application/yaml; charset=utf-8`. A charset name is case-insensitive (RFC 9110 §8.3.2), and a
 * parameter does not change the media type: both bodies must be read.
 */
const VARIANTS = [
  { format: 'json', contentType: 'application/json;charset=UTF-8' },
  { format: 'yaml', contentType: 'application/yaml; charset=utf-8' },
  { format: 'json', contentType: 'Application/JSON; Charset="utf-8"' },
] as const;

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-01'],
  title: 'A JSON or YAML body is read whatever the case of its media type and charset parameter',
  async run(ctx: CheckContext) {
    for (const v of VARIANTS) {
      const ex = await ctx.post(ctx.url('/requests'), ctx.request(), 'request', {
        format: v.format,
        contentType: v.contentType,
        accept: 'json',
        expect: 'offerset',
      });
      // A refusal is the body not read; another success (201, 302…) is EB-HTTP-06's, which offersetAfter holds it
      // against (judged by core-submit-redirect).
      ctx.ensure(
        ex.status < 400,
        `a ${v.format.toUpperCase()} request sent as Content-Type: ${v.contentType} answered ${ex.status}, expected 303 or 200 with the offer set`,
      );
      await ctx.offersetAfter(ex);
    }
    return {
      outcome: 'pass',
      message: `read as sent with ${VARIANTS.map((v) => `Content-Type: ${v.contentType}`).join(', ')}`,
    };
  },
});
