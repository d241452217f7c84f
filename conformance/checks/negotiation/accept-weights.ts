import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectFormat } from '../../lib/formats.js';

/**
 * Each asks for both formats, the one listed first with the lower weight: a broker that takes the first type
 * listed, or one format whenever it is acceptable at all, answers one of them in the other format.
 */
const WEIGHTED: { accept: string; expected: 'json' | 'yaml' }[] = [
  { accept: 'application/yaml;q=0.1, application/json', expected: 'json' },
  { accept: 'application/json;q=0.2, application/yaml;q=0.9', expected: 'yaml' },
];

/**
 * The Accept header asks by weight (RFC 9110 §12.5.1): YAML and JSON are returned as it asks (EB-HTTP-04) when
 * both are listed with different q values, not by the order they are listed in. The other negotiation checks
 * name one type, or both at the same weight (EB-HTTP-03), so they would pass a broker that never reads q.
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-04'],
  title: 'With YAML and JSON both acceptable at different q values, the preferred one is returned',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const url = ctx.sessionUrl(offers[0]);
    for (const { accept, expected } of WEIGHTED) {
      const ex = await ctx.get(url, { accept, expect: 'session' });
      ctx.ensure(ex.status === 200, `GET ${url} with Accept: ${accept} answered ${ex.status}, expected 200`);
      expectFormat(ctx, ex, expected, `GET ${url} with Accept: ${accept}`);
    }
    return {
      outcome: 'pass',
      message: `the preferred format was returned for each weighted Accept (${WEIGHTED.map((w) => `${w.accept} → ${w.expected.toUpperCase()}`).join('; ')})`,
    };
  },
});
