import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectSemanticRefusal } from '../../lib/semantic-refusal.js';

/**
 * The nearest day that does not exist: the 31st of the first month ahead with fewer than 31 days (a lenient date
 * parser rolls it over into the next month and plans for that).
 */
function impossibleDay(now: number): string {
  const d = new Date(now);
  for (let ahead = 1; ahead <= 12; ahead++) {
    const year = d.getUTCFullYear() + Math.floor((d.getUTCMonth() + ahead) / 12);
    const month = (d.getUTCMonth() + ahead) % 12;
    const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    if (days < 31) return `${year}-${String(month + 1).padStart(2, '0')}-31`;
  }
  throw new Error('unreachable: every year has a month shorter than 31 days');
}

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-12'],
  title: 'A start on a day that does not exist (the 31st of a shorter month) is refused with a 4xx or NO naming it',
  async run(ctx: CheckContext) {
    const day = impossibleDay(ctx.now());
    const start = `${day}T10:00:00Z/PT2H`;
    const r = await expectSemanticRefusal(
      ctx,
      ctx.request({ start, duration: 'PT10M' }),
      `the start window ${start}, on a day that does not exist (EB-DM-05)`,
      [day, 'date', 'start', 'schedule', 'EB-DM-05', 'EB-SCH-05'],
    );
    return {
      outcome: 'pass',
      message: r.how === 'error' ? `refused with ${r.status} and an error document` : `answered NO naming the date`,
    };
  },
});
