import type { Mutant, Doc } from './proxy.js';
import { startProxied, jsonBody } from './proxy.js';

/** Reads every storage resource as managed scratch space, so unmanaged storage it cannot reach is offered. */
const mutant: Mutant = {
  id: 'storage-lifecycle-ignored',
  description: 'Treats unmanaged storage as managed scratch space and offers it wherever it is',
  catches: ['core-unmanaged-storage-no'],
  requirements: ['EB-DM-12', 'EB-OFF-17'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const storage = body?.['storage'];
        if (!body || !Array.isArray(storage)) return undefined;
        for (const s of storage as Doc[]) {
          delete s['lifecycle'];
          delete s['location'];
        }
        return {
          ...req,
          body: Buffer.from(JSON.stringify(body)),
          headers: { ...req.headers, 'content-type': 'application/json' },
        };
      },
    }),
};

export default mutant;
