import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Sends the VOSI documents labelled text/plain. */
const mutant: Mutant = {
  id: 'vosi-text-plain',
  description: 'Sends the VOSI documents labelled text/plain',
  requirements: ['EB-VOSI-07'],
  catches: ['vosi-availability-document', 'vosi-capabilities-document'],
  start: () =>
    startProxied({
      response: (req, res) =>
        /^\/(availability|capabilities)$/.test(req.path) && res.status === 200
          ? { ...res, headers: { ...res.headers, 'content-type': 'text/plain; charset=utf-8' } }
          : res,
    }),
};

export default mutant;
