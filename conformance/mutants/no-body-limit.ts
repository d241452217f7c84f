import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Takes bodies of any size (no 413). */
const mutant: Mutant = {
  id: 'no-body-limit',
  description: 'Takes bodies of any size (no 413)',
  requirements: ['EB-ERR-05'],
  catches: ['errors-body-too-large'],
  start: () =>
    startProxied({
      request: (req) =>
        req.body.length > 1024 * 1024
          ? answer(
              422,
              { status: 422, error: 'UNPROCESSABLE_CONTENT', code: 'INVALID_DOCUMENT', message: 'read it all' },
              'error',
            )
          : undefined,
    }),
};

export default mutant;
