import type { Mutant, Doc } from './proxy.js';
import { startProxied, answer, jsonBody } from './proxy.js';

/** Answers a request for more cores than it has with 503 SERVICE_UNAVAILABLE instead of NO. */
const mutant: Mutant = {
  id: 'capacity-503',
  description: 'Answers a request for more cores than it has with 503 instead of NO',
  requirements: ['EB-ERR-15'],
  catches: ['errors-beyond-capacity'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const cores = ((body?.['compute'] as Doc | undefined)?.['cores'] as Doc | undefined)?.['min'];
        if (typeof cores !== 'number' || cores <= 1000) return undefined;
        return answer(
          503,
          { status: 503, error: 'Service Unavailable', code: 'SERVICE_UNAVAILABLE', message: 'Not enough capacity.' },
          'error',
        );
      },
    }),
};

export default mutant;
