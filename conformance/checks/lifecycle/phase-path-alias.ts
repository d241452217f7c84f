import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isDoc } from '../../lib/context.js';
import { ENUM_UPDATE } from '../../lib/fixtures.js';
import { expiredBefore, lapsed } from '../../lib/offers.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-UPD-09'],
  title: 'An update whose path is written /phase is read as the path phase',
  async run(ctx: CheckContext) {
    const { offers, url } = await ctx.rejectableOffer();
    const ex = await ctx.post(url, { kind: ENUM_UPDATE, path: '/phase', value: 'REJECTED' }, 'update', {
      format: 'json',
      accept: 'json',
      expect: 'session',
    });
    if (ex.status === 409 && lapsed(offers[0], ctx.now())) ctx.skip(expiredBefore(offers[0], 'the update'));
    ctx.ensure(
      ex.status === 200,
      `{path: /phase, value: REJECTED} answered ${ex.status}, expected 200 as for path phase (spec/02 §2.4)`,
    );
    // Whether the alias was applied is read back with GET; the answer showing the session after the change is
    // EB-UPD-08, which lifecycle-accept and lifecycle-reject judge (a note here).
    const after = await ctx.session(url);
    ctx.ensure(
      after['phase'] === 'REJECTED',
      `after {path: /phase, value: REJECTED} the session reads ${String(after['phase'])}, expected REJECTED`,
    );
    ctx.judgeOrNote(
      isDoc(ex.value) && ex.value['phase'] === 'REJECTED',
      `the answer to {path: /phase, value: REJECTED} shows phase ${String(isDoc(ex.value) ? ex.value['phase'] : '(no session document)')}, although the session reads REJECTED`,
      'EB-UPD-08',
    );
    return { outcome: 'pass', message: 'path /phase was read as phase: the session was REJECTED' };
  },
});
