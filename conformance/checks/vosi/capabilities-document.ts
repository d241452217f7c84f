import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { asArray } from '../../lib/context.js';
import { fetchVosiRoot, textOf } from '../../lib/vosi.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-VOSI-02', 'EB-VOSI-03', 'EB-VOSI-07'],
  title: 'GET /capabilities returns a VOSI capabilities document; each capability has a standardID and an accessURL',
  async run(ctx: CheckContext) {
    const root = await fetchVosiRoot(ctx, 'capabilities');
    const caps = asArray(root.body['capability']);
    ctx.ensure(caps.length > 0, 'the document holds no <capability>');
    caps.forEach((cap, i) => {
      const c = (cap ?? {}) as Record<string, unknown>;
      ctx.ensure(
        typeof c['@_standardID'] === 'string' && c['@_standardID'] !== '',
        `capability ${i + 1} has no standardID`,
      );
      const urls = asArray(c['interface']).flatMap((itf) =>
        asArray((itf as Record<string, unknown>)['accessURL']).map(textOf),
      );
      ctx.ensure(
        urls.some((u) => u),
        `capability ${String(c['@_standardID'])} has no interface with an accessURL`,
      );
    });
    return { outcome: 'pass', message: `${caps.length} capabilities, each with a standardID and an accessURL` };
  },
});
