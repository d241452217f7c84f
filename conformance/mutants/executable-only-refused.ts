import type { Mutant } from './proxy.js';
import { answer, jsonBody, startProxied } from './proxy.js';

/** Treats compute as required: a request with only an executable gets 422. */
const mutant: Mutant = {
  id: 'executable-only-refused',
  description: 'Refuses a request holding only an executable with 422 instead of answering it',
  requirements: ['EB-OFF-18'],
  catches: ['core-executable-only'],
  start: () =>
    startProxied({
      request: (req) => {
        if (req.method !== 'POST' || req.path.split('?')[0] !== '/requests') return undefined;
        const body = jsonBody(req);
        return body && body['executable'] !== undefined && body['compute'] === undefined
          ? answer(
              422,
              { status: 422, error: 'UNPROCESSABLE_CONTENT', code: 'INVALID_DOCUMENT', message: 'compute is required' },
              'error',
            )
          : undefined;
      },
    }),
};

export default mutant;
