import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Answers 303 with a Location that is not an offer set. */
const mutant: Mutant = {
  id: 'redirect-elsewhere',
  description: 'Answers 303 with a Location that is not an offer set',
  requirements: ['EB-HTTP-06', 'EB-HTTP-17'],
  catches: ['core-submit-redirect'],
  start: () =>
    startProxied({
      response: (req, res) =>
        req.path === '/requests' && res.status === 303
          ? {
              ...res,
              headers: {
                ...res.headers,
                location: (res.headers['location'] ?? '').replace('/offersets/', '/results/'),
              },
            }
          : res,
    }),
};

export default mutant;
