import type { Mutant } from './proxy.js';
import { startProxied, rewrite } from './proxy.js';

/** Answers 400 MALFORMED_BODY (a valid error document of that status) where an unknown uuid is due a 404. */
const mutant: Mutant = {
  id: 'unknown-uuid-400',
  description: 'Answers an unknown offer-set or session uuid 400 MALFORMED_BODY instead of 404',
  requirements: ['EB-ERR-03'],
  catches: ['errors-unknown-offerset', 'errors-unknown-session'],
  start: () =>
    startProxied({
      response: (req, res) => {
        const path = req.path.split('?')[0] ?? '';
        if (res.status !== 404 || !/^\/(sessions|offersets)\//.test(path)) return res;
        const out = rewrite(req, res, (v) => ({ ...v, status: 400, error: 'BAD_REQUEST', code: 'MALFORMED_BODY' }));
        return { ...out, status: 400 };
      },
    }),
};

export default mutant;
