import type { Mutant } from './proxy.js';
import { startProxied, rewrite, eachSession } from './proxy.js';

/** Keeps offers OFFERED after their expiry time. */
const mutant: Mutant = {
  id: 'never-expires',
  description: 'Keeps offers OFFERED after their expiry time',
  catches: ['expiry-offers-expire'],
  start: () =>
    startProxied({
      response: (req, res) =>
        rewrite(req, res, (v, t) =>
          eachSession(v, t, (s) => {
            if (s['phase'] === 'EXPIRED') s['phase'] = 'OFFERED';
          }),
        ),
    }),
};

export default mutant;
