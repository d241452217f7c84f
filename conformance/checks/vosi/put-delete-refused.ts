import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-VOSI-05', 'EB-ERR-09'],
  title: 'PUT and DELETE on a VOSI endpoint are answered 405 with an Allow header naming GET',
  async run(ctx: CheckContext) {
    const seen: string[] = [];
    for (const path of ['/availability', '/capabilities']) {
      for (const method of ['PUT', 'DELETE']) {
        const headers: Record<string, string> = { accept: 'application/yaml' };
        if (method === 'PUT') headers['content-type'] = 'application/yaml';
        const ex = await ctx.send({
          method,
          url: ctx.url(path),
          headers,
          ...(method === 'PUT' ? { body: 'x: 1\n' } : {}),
        });
        ctx.expectRefusal(ex, [405], `${method} ${path}`);
        const allow = ex.headers['allow'] ?? '';
        ctx.ensure(
          /\bGET\b/i.test(allow) && !new RegExp(`\\b${method}\\b`, 'i').test(allow),
          `${method} ${path}: the 405 answer has Allow: ${allow || '(none)'}, expected it to name GET and not ${method}`,
        );
        seen.push(`${method} ${path}`);
      }
    }
    return { outcome: 'pass', message: `${seen.join(', ')}: 405 with the error document and Allow naming GET` };
  },
});
