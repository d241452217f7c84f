import type { Mutant, Doc } from './proxy.js';
import { startProxied, jsonBody } from './proxy.js';

/** Drops volumes before planning, so a volume naming no resource is offered as if it were not there. */
const mutant: Mutant = {
  id: 'ignores-dangling',
  description: 'Offers YES for a request whose volume names no resource',
  catches: ['errors-semantic-refusal'],
  requirements: ['EB-ERR-12'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const compute = body?.['compute'] as Doc | undefined;
        if (!body || !compute || !Array.isArray(compute['volumes'])) return undefined;
        delete compute['volumes'];
        return {
          ...req,
          body: Buffer.from(JSON.stringify(body)),
          headers: { ...req.headers, 'content-type': 'application/json' },
        };
      },
    }),
};

export default mutant;
