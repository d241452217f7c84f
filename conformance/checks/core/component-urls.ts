import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { get, isDoc } from '../../lib/context.js';
import { label } from '../../lib/offers.js';
import { namedComponents } from '../../lib/resources.js';
import { toText } from '../../../src/util/index.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-17'],
  title: 'Every component meta.url in an offer can be read with GET and gives that component',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    let followed = 0;
    for (const [i, offer] of offers.entries()) {
      for (const [name, { key, component }] of namedComponents(offer)) {
        const raw = get(component, 'meta', 'url');
        if (raw === undefined) continue;
        const url = ctx.followable(raw, `meta.url of ${key} ${name} in ${label(offer, i)}`, ctx.sessionUrl(offer));
        const ex = await ctx.get(url, { accept: 'json' });
        ctx.ensure(
          ex.status === 200,
          `${label(offer, i)}: GET ${url} (meta.url of ${key} ${name}) answered ${ex.status}, expected 200`,
        );
        ctx.ensure(isDoc(ex.value), `${label(offer, i)}: GET ${url} (meta.url of ${key} ${name}) gave no document`);
        // EB-HTTP-17: the same document, told by its uuid when the component has one, else by its name and kind.
        const uuid = get(component, 'meta', 'uuid');
        const same =
          uuid !== undefined
            ? get(ex.value, 'meta', 'uuid') === uuid
            : get(ex.value, 'meta', 'name') === name && ex.value['kind'] === component['kind'];
        ctx.ensure(
          same,
          `${label(offer, i)}: GET ${url} (meta.url of ${key} ${name}) gives ${toText(get(ex.value, 'meta', 'uuid') ?? get(ex.value, 'meta', 'name') ?? 'a document')} instead of that component`,
        );
        followed++;
      }
    }
    if (followed === 0)
      return ctx.na(
        `no component of the ${offers.length} offer(s) carries a meta.url (offer URLs are core-session-urls)`,
      );
    return { outcome: 'pass', message: `${followed} component meta.url(s) serve their components` };
  },
});
