import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Answers PUT and DELETE on the VOSI endpoints like GET. */
const mutant: Mutant = {
  id: 'vosi-accepts-put-delete',
  description: 'Answers PUT and DELETE on the VOSI endpoints like GET',
  requirements: ['EB-VOSI-05'],
  catches: ['vosi-put-delete-refused'],
  start: () =>
    startProxied({
      request: (req) =>
        ['PUT', 'DELETE'].includes(req.method) && /^\/(availability|capabilities)$/.test(req.path)
          ? { ...req, method: 'GET', body: Buffer.alloc(0) }
          : undefined,
    }),
};

export default mutant;
