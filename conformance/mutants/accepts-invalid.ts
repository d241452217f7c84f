import type { Mutant, Doc } from './proxy.js';
import { startProxied, answer, jsonBody, isSessionPath } from './proxy.js';

/** Accepts schema-invalid requests and updates without a value. */
const mutant: Mutant = {
  id: 'accepts-invalid',
  description: 'Accepts schema-invalid requests and updates without a value',
  requirements: ['EB-ERR-08', 'EB-UPD-05'],
  catches: ['errors-invalid-document', 'lifecycle-update-shape'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' ? jsonBody(req) : undefined;
        if (body && isSessionPath(req.path) && body['value'] === undefined)
          return answer(200, { kind: 'x', phase: 'OFFERED' }, 'session');
        if (
          body &&
          req.path === '/requests' &&
          typeof ((body['compute'] as Doc | undefined)?.['cores'] as Doc | undefined)?.['min'] === 'string'
        ) {
          return {
            status: 303,
            headers: { location: '/offersets/00000000-0000-4000-8000-000000000000' },
            body: Buffer.alloc(0),
          };
        }
        return undefined;
      },
    }),
};

export default mutant;
