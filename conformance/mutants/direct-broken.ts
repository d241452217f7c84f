import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Answers 500 to POST /direct. */
const mutant: Mutant = {
  id: 'direct-broken',
  description: 'Answers 500 to POST /direct',
  requirements: ['EB-HTTP-07'],
  catches: ['core-direct-execution'],
  start: () =>
    startProxied({
      request: (req) =>
        req.path === '/direct'
          ? answer(
              500,
              { status: 500, error: 'INTERNAL_ERROR', code: 'INTERNAL_ERROR', message: 'not implemented' },
              'error',
            )
          : undefined,
    }),
};

export default mutant;
