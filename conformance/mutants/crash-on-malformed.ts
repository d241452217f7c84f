import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Answers 500 to bodies it cannot parse. */
const mutant: Mutant = {
  id: 'crash-on-malformed',
  description: 'Answers 500 to bodies it cannot parse',
  requirements: ['EB-ERR-07', 'EB-ERR-06'],
  catches: ['errors-malformed-body', 'errors-no-5xx'],
  start: () =>
    startProxied({
      response: (_req, res) =>
        res.status === 400
          ? answer(
              500,
              { status: 500, error: 'INTERNAL_ERROR', code: 'INTERNAL_ERROR', message: 'parser crashed' },
              'error',
            )
          : res,
    }),
};

export default mutant;
