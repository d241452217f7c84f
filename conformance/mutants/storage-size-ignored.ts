import type { Mutant, Doc } from './proxy.js';
import { startProxied, rewrite, eachSession } from './proxy.js';

/** Offers one unit of every storage resource, whatever size was asked for. */
const mutant: Mutant = {
  id: 'storage-size-ignored',
  description: 'Offers one unit of every storage resource, whatever size was asked for',
  requirements: ['EB-OFF-01'],
  catches: ['core-storage-meets-minimum'],
  start: () =>
    startProxied({
      response: (req, res) =>
        rewrite(req, res, (v, type) =>
          eachSession(v, type, (s) => {
            for (const storage of Array.isArray(s['storage']) ? (s['storage'] as Doc[]) : [])
              storage['size'] = { min: 1, max: 1 };
          }),
        ),
    }),
};

export default mutant;
