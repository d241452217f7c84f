import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { NS, readXmlRoot, textOf } from '../../lib/vosi.js';

export default defineCheck({
  id: 'vosi-availability-document',
  class: 'vosi',
  level: 'MUST',
  requirements: ['EB-VOSI-01', 'EB-VOSI-03', 'EB-VOSI-07'],
  title: 'GET /availability returns a VOSI availability document to an anonymous caller',
  async run(ctx: CheckContext) {
    const ex = await ctx.send({ method: 'GET', url: ctx.url('/availability'), headers: {}, parse: false });
    ctx.ensure(ex.status === 200, `GET /availability answered ${ex.status}, expected 200`);
    ctx.ensure(/xml/i.test(ex.headers['content-type'] ?? ''), `Content-Type is ${ex.headers['content-type'] ?? 'missing'}, expected an XML media type`);
    const root = readXmlRoot(ex.text);
    ctx.ensure(root, 'the body is not well-formed XML');
    ctx.ensure(root.local === 'availability' && root.namespace === NS.availability, `root element is {${root.namespace ?? ''}}${root.local}, expected {${NS.availability}}availability`);
    const available = textOf(root.body['available']);
    ctx.ensure(available === 'true' || available === 'false', `<available> is ${available ?? 'missing'}, expected true or false`);
    return { outcome: 'pass', message: `availability document valid (available=${available})` };
  },
});
