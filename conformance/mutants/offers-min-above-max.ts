import type { Mutant, Doc } from './proxy.js';
import { startProxied, jsonBody } from './proxy.js';

/** Reads a range given the wrong way round as if it were right: min above max is offered instead of refused. */
const mutant: Mutant = {
  id: 'offers-min-above-max',
  description: 'Offers YES for a request whose cores min is above its max (it swaps the bounds)',
  catches: ['errors-min-above-max'],
  requirements: ['EB-ERR-12'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const cores = (body?.['compute'] as Doc | undefined)?.['cores'] as Doc | undefined;
        const { min, max } = cores ?? {};
        if (!body || !cores || typeof min !== 'number' || typeof max !== 'number' || min <= max) return undefined;
        cores['min'] = max;
        cores['max'] = min;
        return {
          ...req,
          body: Buffer.from(JSON.stringify(body)),
          headers: { ...req.headers, 'content-type': 'application/json' },
        };
      },
    }),
};

export default mutant;
