import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Refuses an unknown executable kind with 422 instead of answering NO. */
const mutant: Mutant = {
  id: 'unknown-kind-refused',
  description: 'Refuses an unknown executable kind with 422 instead of answering NO',
  requirements: ['EB-KIND-02'],
  catches: ['core-unknown-kind-no'],
  start: () =>
    startProxied({
      request: (req) =>
        req.path === '/requests' && req.body.includes('zeppelin')
          ? answer(
              422,
              { status: 422, error: 'UNPROCESSABLE_CONTENT', code: 'INVALID_DOCUMENT', message: 'unknown kind' },
              'error',
            )
          : undefined,
    }),
};

export default mutant;
