import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Sends JSON bodies labelled text/plain. */
const mutant: Mutant = {
  id: 'mislabelled-json',
  description: 'Sends JSON bodies labelled text/plain',
  requirements: ['EB-HTTP-14'],
  catches: ['negotiation-json-in-out'],
  start: () =>
    startProxied({
      response: (_req, res) =>
        /json/.test(res.headers['content-type'] ?? '')
          ? { ...res, headers: { ...res.headers, 'content-type': 'text/plain' } }
          : res,
    }),
};

export default mutant;
