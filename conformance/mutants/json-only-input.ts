import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Refuses YAML request bodies. */
const mutant: Mutant = {
  id: 'json-only-input',
  description: 'Refuses YAML request bodies',
  requirements: ['EB-HTTP-01'],
  catches: ['negotiation-yaml-in-out', 'negotiation-default-yaml'],
  start: () =>
    startProxied({
      request: (req) =>
        req.method === 'POST' && (!req.headers['content-type'] || /yaml/.test(req.headers['content-type']))
          ? answer(
              415,
              { status: 415, error: 'UNSUPPORTED_MEDIA_TYPE', code: 'UNSUPPORTED_CONTENT_TYPE', message: 'JSON only' },
              'error',
            )
          : undefined,
    }),
};

export default mutant;
