import type { Mutant } from './proxy.js';
import { startProxied, jsonBody, isSessionPath } from './proxy.js';

/**
 * Answers 200 to ACCEPTED without accepting: the session stays OFFERED (a broker that acknowledges an update it
 * ignores). lifecycle-accept holds it to EB-UPD-08; the checks that need an accepted session skip, saying why,
 * rather than fail it on a story the broker did not tell (a move "ACCEPTED → OFFERED" it never showed).
 */
const mutant: Mutant = {
  id: 'accept-ignored',
  description: 'Answers 200 to ACCEPTED without accepting',
  requirements: ['EB-UPD-08'],
  catches: ['lifecycle-accept'],
  start: () =>
    startProxied({
      request: async (req) => {
        if (req.method !== 'POST' || !isSessionPath(req.path) || jsonBody(req)?.['value'] !== 'ACCEPTED')
          return undefined;
        return { ...req, method: 'GET', body: Buffer.alloc(0) };
      },
    }),
};

export default mutant;
