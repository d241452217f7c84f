import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { formatOfContentType } from '../../lib/formats.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-01'],
  title: 'Error documents come in the negotiated format, YAML when none was negotiated',
  async run(ctx: CheckContext) {
    const url = ctx.url(`/sessions/${crypto.randomUUID()}`);
    for (const [accept, want] of [
      ['json', 'json'],
      ['yaml', 'yaml'],
      [undefined, 'yaml'],
    ] as const) {
      const ex = await ctx.get(url, accept ? { accept } : {});
      const what = `GET of an unknown session with Accept ${accept ?? '(none)'}`;
      // Any refusal carries an error document whose format is judged here; its status is EB-ERR-03's.
      const refused = ex.status >= 400 && ex.status < 500;
      ctx.expectRefusal(ex, [refused ? ex.status : 404], what);
      ctx.judgeOrNote(ex.status === 404, `${what}: answered ${ex.status}, expected 404`, 'EB-ERR-03');
      const got = formatOfContentType(ex.headers['content-type']);
      ctx.ensure(
        got === want && ex.format === want,
        `with Accept ${accept ?? '(none)'} the error document is ${got ?? ex.headers['content-type'] ?? 'untyped'}, expected ${want.toUpperCase()}`,
      );
    }
    return { outcome: 'pass', message: 'error documents follow Accept and default to YAML' };
  },
});
