import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label } from '../../lib/offers.js';
import { namedComponents } from '../../lib/resources.js';

export default defineCheck({
  level: 'SHOULD',
  requirements: ['EB-OFF-19'],
  title: "Each offer repeats the request's components under the same names and kinds",
  async run(ctx: CheckContext) {
    const request = ctx.request();
    const wanted = namedComponents(request);
    const { offers } = await ctx.offers(1);
    offers.forEach((offer, i) => {
      const got = namedComponents(offer);
      for (const [name, { key, kind }] of wanted) {
        const match = got.get(name);
        const elsewhere = [...got.entries()].filter(([, c]) => c.key === key).map(([n]) => n);
        ctx.ensure(
          match,
          `${label(offer, i)} has no component named ${name} (the request's ${key}); its ${key} is named ${elsewhere.length ? elsewhere.join(', ') : '(nothing: the component is missing)'}`,
        );
        ctx.ensure(
          match.key === key,
          `${label(offer, i)} puts ${name} under ${match.key}, the request has it under ${key}`,
        );
        ctx.ensure(
          match.kind === kind,
          `${label(offer, i)}: ${name} has kind ${String(match.kind)}, the request asked for ${String(kind)}`,
        );
      }
    });
    return {
      outcome: 'pass',
      message: `${offers.length} offer(s) repeat ${[...wanted.keys()].join(', ')} under the same names and kinds`,
    };
  },
});
