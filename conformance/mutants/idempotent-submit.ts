import type { Mutant, ProxyAnswer } from './proxy.js';
import { startProxied } from './proxy.js';

/** Replays the first offer set for every later request. */
const mutant: Mutant = {
  id: 'idempotent-submit',
  description: 'Replays the first offer set for every later request',
  requirements: ['EB-HTTP-05'],
  catches: ['core-not-idempotent'],
  start: () =>
    startProxied({
      response: (req, res, state) => {
        if (req.method !== 'POST' || req.path !== '/requests' || res.status !== 303) return res;
        const first = state.get('first') as ProxyAnswer | undefined;
        if (first) return first;
        state.set('first', res);
        return res;
      },
    }),
};

export default mutant;
