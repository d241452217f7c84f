import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Reads any Content-Type as JSON (never 415). */
const mutant: Mutant = {
  id: 'reads-anything',
  description: 'Reads any Content-Type as JSON (never 415)',
  requirements: ['EB-HTTP-13'],
  catches: ['negotiation-415'],
  start: () =>
    startProxied({
      request: (req) =>
        req.headers['content-type']?.startsWith('text/plain')
          ? { ...req, headers: { ...req.headers, 'content-type': 'application/json' } }
          : undefined,
    }),
};

export default mutant;
