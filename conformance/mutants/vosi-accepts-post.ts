import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Answers POST on the VOSI endpoints like GET. */
const mutant: Mutant = {
  id: 'vosi-accepts-post',
  description: 'Answers POST on the VOSI endpoints like GET',
  requirements: ['EB-VOSI-05'],
  catches: ['vosi-get-only'],
  start: () =>
    startProxied({
      request: (req) =>
        /^\/(availability|capabilities)$/.test(req.path) ? { ...req, method: 'GET', body: Buffer.alloc(0) } : undefined,
    }),
};

export default mutant;
