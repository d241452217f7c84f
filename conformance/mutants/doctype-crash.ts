import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Tries to resolve the entities of an XML body with a DOCTYPE, and answers 500 when that fails. */
const mutant: Mutant = {
  id: 'doctype-crash',
  description: 'Tries to resolve the entities of an XML body with a DOCTYPE, and answers 500 when that fails',
  requirements: ['EB-XML-04'],
  catches: ['errors-no-5xx'],
  start: () =>
    startProxied({
      request: (req) =>
        /<!DOCTYPE/i.test(req.body.toString('utf8', 0, 4096))
          ? answer(
              500,
              {
                status: 500,
                error: 'INTERNAL_ERROR',
                code: 'INTERNAL_ERROR',
                message: 'Cannot resolve entity file:///etc/passwd.',
              },
              'error',
            )
          : undefined,
    }),
};

export default mutant;
