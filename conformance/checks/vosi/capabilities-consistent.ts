import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { asArray } from '../../lib/context.js';
import { readXmlRoot, textOf } from '../../lib/vosi.js';
import { toText } from '../../../src/util/index.js';

const VOSI_IDS: Record<string, string> = {
  'ivo://ivoa.net/std/VOSI#capabilities': 'capabilities',
  'ivo://ivoa.net/std/VOSI#availability': 'availability',
};

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-VOSI-04', 'EB-VOSI-06'],
  title: 'The capabilities name the service base URL and VOSI endpoints that really serve their documents',
  async run(ctx: CheckContext) {
    const ex = await ctx.send({ method: 'GET', url: ctx.url('/capabilities'), headers: {}, parse: false }, undefined, {
      anonymous: true,
    });
    const root = ex.status === 200 ? readXmlRoot(ex.text) : undefined;
    if (!root)
      ctx.skip(
        'precondition not met: /capabilities did not return a readable document (see vosi-capabilities-document)',
      );
    const caps = asArray(root.body['capability']).map((c) => c as Record<string, unknown>);
    const urlsOf = (c: Record<string, unknown>) =>
      asArray(c['interface'])
        .flatMap((itf) => asArray((itf as Record<string, unknown>)['accessURL']).map(textOf))
        .filter((u): u is string => !!u);
    const eb = caps.find((c) => !toText(c['@_standardID'] ?? '').startsWith('ivo://ivoa.net/std/VOSI'));
    ctx.ensure(eb, 'no ExecutionBroker capability (a standardID outside ivo://ivoa.net/std/VOSI)');
    const base = ctx.target.replace(/\/$/, '');
    const pathOf = (u: string) => {
      try {
        return new URL(u).pathname.replace(/\/$/, '');
      } catch {
        return undefined;
      }
    };
    // The same service under another origin the user vouched for (--allow-origin: a canonical name, a gateway).
    const names = (u: string) => u.replace(/\/$/, '') === base || (ctx.allowed(u) && pathOf(u) === pathOf(base));
    if (!urlsOf(eb).some(names)) {
      const foreign = urlsOf(eb).find((u) => !ctx.allowed(u) && pathOf(u) === pathOf(base));
      // Same path on an origin the user has not vouched for: maybe this service under its canonical name.
      if (foreign)
        ctx.skip(
          `precondition not met: the ExecutionBroker capability names ${foreign}, another origin than ${base}; pass --allow-origin ${new URL(foreign).origin} if that is this service`,
        );
      ctx.fail(
        `the ExecutionBroker capability's accessURL (${urlsOf(eb).join(', ')}) is not the service base URL ${base}`,
      );
    }
    let declaredAvailability = false;
    for (const c of caps) {
      const which = VOSI_IDS[String(c['@_standardID'])];
      if (!which) continue;
      if (which === 'availability') declaredAvailability = true;
      for (const u of urlsOf(c)) {
        const url = ctx.followable(u, `the accessURL of ${which}`);
        const got = await ctx.send({ method: 'GET', url, headers: {}, parse: false }, undefined, { anonymous: true });
        const doc = got.status === 200 ? readXmlRoot(got.text) : undefined;
        ctx.ensure(
          doc?.local === which,
          `the ${which} accessURL ${url} answered ${got.status}${doc ? ` with <${doc.local}>` : ''}, not a ${which} document`,
        );
      }
    }
    if (!declaredAvailability) ctx.warn('the capabilities do not declare the availability endpoint', 'EB-VOSI-06');
    return { outcome: 'pass', message: 'base URL and VOSI endpoints agree with the capabilities' };
  },
});
