import type { CheckContext } from '../../lib/context.js';
import { asArray, get } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectSemanticRefusal, probeRequest } from '../../lib/semantic-refusal.js';

const PORT = 18080;

export default defineCheck({
  level: 'SHOULD',
  requirements: ['EB-OFF-20'],
  title: 'A client-set external port is either offered as asked or refused naming it',
  async run(ctx: CheckContext) {
    const request = probeRequest(ctx, {
      executable: {
        network: { ports: [{ access: true, internal: { port: 8080 }, external: { port: PORT }, protocol: 'HTTP' }] },
      },
    });
    const honoured = (o: unknown): boolean =>
      asArray(get(o, 'executable', 'network', 'ports')).some((p) => get(p, 'external', 'port') === PORT);
    const r = await expectSemanticRefusal(
      ctx,
      request,
      `a request setting external port ${PORT}`,
      ['external', String(PORT)],
      honoured,
    );
    return {
      outcome: 'pass',
      message:
        r.how === 'honoured'
          ? `offered port ${PORT} in ${r.offers} offer(s)`
          : r.how === 'no'
            ? `answered NO naming the external port`
            : `refused with ${r.status}`,
    };
  },
});
