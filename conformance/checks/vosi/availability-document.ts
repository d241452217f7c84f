import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { fetchVosiRoot, textOf } from '../../lib/vosi.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-VOSI-01', 'EB-VOSI-03', 'EB-VOSI-07'],
  title: 'GET /availability returns a VOSI availability document to an anonymous caller',
  async run(ctx: CheckContext) {
    const root = await fetchVosiRoot(ctx, 'availability');
    const available = textOf(root.body['available']);
    ctx.ensure(
      available === 'true' || available === 'false',
      `<available> is ${available ?? 'missing'}, expected true or false`,
    );
    return { outcome: 'pass', message: `availability document valid (available=${available})` };
  },
});
