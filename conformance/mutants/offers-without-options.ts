import type { Mutant } from './proxy.js';
import { rewrite, startProxied } from './proxy.js';

/**
 * Leaves meta.options out of the offers in an offer set (a session read at its own URL still has them). Only the
 * check that judges the offers' options may fail on it (one defect, one failing check).
 */
const mutant: Mutant = {
  id: 'offers-without-options',
  description: 'Sends the offers of an offer set without meta.options',
  catches: ['core-offer-expiry-options'],
  requirements: ['EB-UPD-03'],
  start: () =>
    startProxied({
      response: (req, res) =>
        req.method === 'GET' && req.path.startsWith('/offersets/')
          ? rewrite(req, res, (v) => {
              for (const o of Array.isArray(v['offers']) ? v['offers'] : []) {
                const meta = (o as Record<string, unknown>)['meta'];
                if (meta && typeof meta === 'object') delete (meta as Record<string, unknown>)['options'];
              }
            })
          : res,
    }),
};

export default mutant;
