import type { Mutant } from './proxy.js';
import { startProxied, jsonBody, isSessionPath } from './proxy.js';

/** Answers 200 to CANCELLED without cancelling. */
const mutant: Mutant = {
  id: 'cancel-ignored',
  description: 'Answers 200 to CANCELLED without cancelling',
  requirements: ['EB-UPD-08'],
  catches: ['lifecycle-cancel-after-accept'],
  start: () =>
    startProxied({
      request: async (req) => {
        if (req.method !== 'POST' || !isSessionPath(req.path) || jsonBody(req)?.['value'] !== 'CANCELLED')
          return undefined;
        return { ...req, method: 'GET', body: Buffer.alloc(0) };
      },
    }),
};

export default mutant;
