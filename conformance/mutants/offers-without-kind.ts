import type { Mutant } from './proxy.js';
import { eachSession, rewrite, startProxied } from './proxy.js';

/** Sends offers without their required kind and with a phase outside the enum. */
const mutant: Mutant = {
  id: 'offers-without-kind',
  description: 'Sends offers without their required kind and with a phase outside the enum',
  requirements: ['EB-KIND-01', 'EB-DM-02', 'EB-DM-09'],
  catches: ['core-offerset-valid'],
  start: () =>
    startProxied({
      response: (req, res) =>
        req.method === 'GET' && req.path.startsWith('/offersets/')
          ? rewrite(req, res, (v, t) =>
              eachSession(v, t, (s) => {
                delete s['kind'];
                s['phase'] = 'PENDING';
              }),
            )
          : res,
    }),
};

export default mutant;
