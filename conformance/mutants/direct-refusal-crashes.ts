import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Answers 500 where POST /direct can offer nothing (instead of 400 with a FAILED session). */
const mutant: Mutant = {
  id: 'direct-refusal-crashes',
  description: 'Answers 500 where POST /direct can offer nothing (instead of 400 with a FAILED session)',
  requirements: ['EB-HTTP-07'],
  catches: ['core-direct-refused'],
  start: () =>
    startProxied({
      response: (req, res) =>
        req.method === 'POST' && req.path === '/direct' && res.status === 400
          ? answer(
              500,
              { status: 500, error: 'INTERNAL_ERROR', code: 'INTERNAL_ERROR', message: 'no offer to accept' },
              'error',
            )
          : res,
    }),
};

export default mutant;
