import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-07', 'EB-ERR-06', 'EB-ERR-01'],
  title: 'An unparseable body is 400 MALFORMED_BODY and an empty one 400 EMPTY_BODY',
  async run(ctx: CheckContext) {
    const url = ctx.url('/requests');
    const bad = await ctx.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{"executable": {"kind": ',
    });
    ctx.expectRefusal(bad, [400], 'a truncated JSON body', ['MALFORMED_BODY']);
    const badYaml = await ctx.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/yaml', accept: 'application/json' },
      body: 'executable: [unclosed\n  - : :\n',
    });
    ctx.expectRefusal(badYaml, [400], 'an unparseable YAML body', ['MALFORMED_BODY']);
    const empty = await ctx.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '',
    });
    ctx.expectRefusal(empty, [400], 'an empty body', ['EMPTY_BODY']);
    return { outcome: 'pass', message: '400 MALFORMED_BODY and EMPTY_BODY' };
  },
});
