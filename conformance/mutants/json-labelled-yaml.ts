import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Sends its JSON bodies, unchanged, labelled application/yaml. */
const mutant: Mutant = {
  id: 'json-labelled-yaml',
  description: 'Sends its JSON bodies, unchanged, labelled application/yaml',
  requirements: ['EB-HTTP-14'],
  catches: ['negotiation-json-in-out'],
  start: () =>
    startProxied({
      response: (_req, res) =>
        /json/.test(res.headers['content-type'] ?? '')
          ? { ...res, headers: { ...res.headers, 'content-type': 'application/yaml' } }
          : res,
    }),
};

export default mutant;
