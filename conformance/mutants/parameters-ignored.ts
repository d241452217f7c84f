import type { Mutant, Doc } from './proxy.js';
import { startProxied, jsonBody } from './proxy.js';

/** Forgets an executable's inputs and outputs, so linked data is neither mounted nor named to it. */
const mutant: Mutant = {
  id: 'parameters-ignored',
  description: "Drops the executable's named inputs and outputs instead of wiring them",
  catches: ['core-parameters-wired'],
  requirements: ['EB-OFF-24'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const exe = body?.['executable'] as Doc | undefined;
        if (!body || !exe || (exe['inputs'] === undefined && exe['outputs'] === undefined)) return undefined;
        delete exe['inputs'];
        delete exe['outputs'];
        return {
          ...req,
          body: Buffer.from(JSON.stringify(body)),
          headers: { ...req.headers, 'content-type': 'application/json' },
        };
      },
    }),
};

export default mutant;
