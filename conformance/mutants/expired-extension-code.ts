import type { Mutant } from './proxy.js';
import { rewrite, startProxied } from './proxy.js';

/** Answers the accept of an expired offer with an extension code where the table names OFFER_EXPIRED (EB-ERR-14). */
const mutant: Mutant = {
  id: 'expired-extension-code',
  description:
    'Refuses accepting an expired offer with its own code OFFER_TIMED_OUT where the table names OFFER_EXPIRED',
  catches: ['expiry-accept-expired-refused'],
  requirements: ['EB-LIFE-09', 'EB-ERR-14'],
  start: () =>
    startProxied({
      response: (req, res) =>
        req.method === 'POST' && res.status === 409
          ? rewrite(req, res, (v) => {
              if (v['code'] === 'OFFER_EXPIRED') v['code'] = 'OFFER_TIMED_OUT';
            })
          : res,
    }),
};

export default mutant;
