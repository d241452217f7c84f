import type { Mutant, Doc } from './proxy.js';
import { startProxied, jsonBody } from './proxy.js';

/** Plans as if no accelerator had been asked for, so the offers come without the GPU the request needs. */
const mutant: Mutant = {
  id: 'accelerators-ignored',
  description: 'Offers compute without the accelerator the request asks for',
  catches: ['core-accelerator-no'],
  requirements: ['EB-OFF-22'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const compute = body?.['compute'] as Doc | undefined;
        if (!body || !compute || compute['accelerators'] === undefined) return undefined;
        delete compute['accelerators'];
        return {
          ...req,
          body: Buffer.from(JSON.stringify(body)),
          headers: { ...req.headers, 'content-type': 'application/json' },
        };
      },
    }),
};

export default mutant;
