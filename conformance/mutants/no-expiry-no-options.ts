import type { Mutant } from './proxy.js';
import { startProxied, rewrite, eachSession } from './proxy.js';

/** Sends offers without expires. */
const mutant: Mutant = {
  id: 'no-expiry-no-options',
  description: 'Sends offers without expires',
  catches: ['core-offer-expiry-options'],
  start: () => startProxied({ response: (req, res) => rewrite(req, res, (v, t) => eachSession(v, t, (s) => void delete s['expires'])) }),
};

export default mutant;
