import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-03', 'EB-ERR-06'],
  title: 'A malformed uuid in a path is 404, not 400 or 5xx',
  async run(ctx: CheckContext) {
    for (const [path, code] of [
      ['/sessions/not-a-uuid', 'UNKNOWN_SESSION'],
      ['/offersets/%27%3B--', 'UNKNOWN_OFFERSET'],
    ] as const) {
      const ex = await ctx.get(ctx.url(path), { accept: 'json' });
      ctx.expectRefusal(ex, [404], `GET ${path}`, [code]);
    }
    return { outcome: 'pass', message: '404 for malformed uuids' };
  },
});
