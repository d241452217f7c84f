import { defineRule } from '../../rule.js';
import { isObject } from '../../../util/index.js';

/** YES must come with something to accept; NO must say why and offer nothing. */
export default defineRule({
  slug: 'result-offers',
  requirements: ['EB-OFF-09'],
  appliesTo: ['offerset'],
  check(ctx) {
    const root = ctx.root;
    if (!isObject(root)) return;
    const offers = Array.isArray(root.offers) ? root.offers.length : 0;
    const messages = isObject(root.meta) && Array.isArray(root.meta.messages) ? root.meta.messages.length : 0;
    if (root.result === 'YES' && offers === 0) {
      ctx.report({
        requirement: 'EB-OFF-09',
        pointer: '',
        message: 'the result is YES but the offer set holds no offers',
        params: { member: 'offers' },
      });
    }
    if (root.result === 'NO') {
      if (offers > 0) {
        ctx.report({
          requirement: 'EB-OFF-09',
          pointer: '/offers',
          message: `the result is NO but the offer set holds ${offers} offer(s)`,
        });
      }
      if (messages === 0) {
        ctx.report({
          requirement: 'EB-OFF-09',
          pointer: isObject(root.meta) ? '/meta' : '',
          message: 'the result is NO but no message in meta.messages says why',
          params: { member: 'messages' },
        });
      }
    }
  },
});
