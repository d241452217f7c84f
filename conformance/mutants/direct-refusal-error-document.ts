import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Answers POST /direct that can offer nothing with 400 and an error document, not the FAILED session. */
const mutant: Mutant = {
  id: 'direct-refusal-error-document',
  description: 'Answers POST /direct that can offer nothing with 400 and an error document, not the FAILED session',
  requirements: ['EB-HTTP-07'],
  catches: [],
  warns: ['core-direct-refused'],
  start: () =>
    startProxied({
      response: (req, res) =>
        req.method === 'POST' && req.path === '/direct' && res.status === 400
          ? answer(
              400,
              { status: 400, error: 'BAD_REQUEST', code: 'NOTHING_OFFERABLE', message: 'nothing can run this' },
              'error',
            )
          : res,
    }),
};

export default mutant;
