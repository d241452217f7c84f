import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Leaves out Vary: Accept. */
const mutant: Mutant = {
  id: 'no-vary',
  description: 'Leaves out Vary: Accept',
  requirements: ['EB-HTTP-15'],
  catches: ['negotiation-vary-accept'],
  start: () =>
    startProxied({
      response: (_req, res) => {
        const headers = { ...res.headers };
        delete headers['vary'];
        return { ...res, headers };
      },
    }),
};

export default mutant;
