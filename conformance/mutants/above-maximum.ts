import type { Mutant, Doc } from './proxy.js';
import { startProxied, rewrite, eachSession } from './proxy.js';

/** Offers more cores than the requested maximum. */
const mutant: Mutant = {
  id: 'above-maximum',
  description: 'Offers more cores than the requested maximum',
  catches: ['core-offers-within-maximum'],
  start: () =>
    startProxied({
      response: (req, res) =>
        rewrite(req, res, (v, t) =>
          eachSession(v, t, (s) => {
            const c = s['compute'] as Doc | undefined;
            if (c) c['cores'] = { min: 64, max: 64 };
          }),
        ),
    }),
};

export default mutant;
