import type { Mutant } from './proxy.js';
import { rewrite, startProxied } from './proxy.js';

/** Refuses the accept of an expired offer with UPDATE_NOT_OFFERED instead of OFFER_EXPIRED (EB-LIFE-09). */
const mutant: Mutant = {
  id: 'expired-update-not-offered',
  description: 'Refuses accepting an expired offer with 409 UPDATE_NOT_OFFERED, not OFFER_EXPIRED',
  catches: ['expiry-accept-expired-refused'],
  requirements: ['EB-LIFE-09'],
  start: () =>
    startProxied({
      response: (req, res) =>
        req.method === 'POST' && res.status === 409
          ? rewrite(req, res, (v) => {
              if (v['code'] === 'OFFER_EXPIRED') v['code'] = 'UPDATE_NOT_OFFERED';
            })
          : res,
    }),
};

export default mutant;
