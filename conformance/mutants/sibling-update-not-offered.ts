import type { Mutant } from './proxy.js';
import { rewrite, startProxied } from './proxy.js';

/** Refuses the accept of a withdrawn sibling with UPDATE_NOT_OFFERED instead of OFFER_WITHDRAWN (EB-LIFE-11). */
const mutant: Mutant = {
  id: 'sibling-update-not-offered',
  description: 'Refuses accepting a withdrawn sibling with 409 UPDATE_NOT_OFFERED, not OFFER_WITHDRAWN',
  catches: ['lifecycle-illegal-accept-sibling'],
  requirements: ['EB-LIFE-11'],
  start: () =>
    startProxied({
      response: (req, res) =>
        req.method === 'POST' && res.status === 409
          ? rewrite(req, res, (v) => {
              if (v['code'] === 'OFFER_WITHDRAWN') v['code'] = 'UPDATE_NOT_OFFERED';
            })
          : res,
    }),
};

export default mutant;
