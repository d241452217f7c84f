import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Answers 401 to anonymous requests for the VOSI endpoints. */
const mutant: Mutant = {
  id: 'vosi-needs-credentials',
  description: 'Answers 401 to anonymous requests for the VOSI endpoints',
  requirements: ['EB-VOSI-03'],
  catches: ['vosi-availability-document', 'vosi-capabilities-document'],
  start: () =>
    startProxied({
      request: (req) =>
        /^\/(availability|capabilities)$/.test(req.path) && req.headers['authorization'] === undefined
          ? {
              ...answer(
                401,
                { status: 401, error: 'UNAUTHORIZED', code: 'UNAUTHENTICATED', message: 'Credentials are required.' },
                'error',
              ),
              headers: { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="eb"' },
            }
          : undefined,
    }),
};

export default mutant;
