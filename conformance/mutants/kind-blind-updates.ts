import type { Mutant } from './proxy.js';
import { startProxied, jsonBody, isSessionPath } from './proxy.js';

/** Reads a string-value update as the enum-value update of the same path and value. */
const mutant: Mutant = {
  id: 'kind-blind-updates',
  description: 'Reads a string-value update as the enum-value update of the same path and value',
  requirements: ['EB-UPD-06'],
  catches: ['lifecycle-update-kind-matches-option'],
  start: () =>
    startProxied({
      request: (req) => {
        const update = req.method === 'POST' && isSessionPath(req.path) ? jsonBody(req) : undefined;
        if (update?.['kind'] !== 'uri:string-value-update') return undefined;
        const body = Buffer.from(JSON.stringify({ ...update, kind: 'uri:enum-value-update' }));
        return { ...req, headers: { ...req.headers, 'content-type': 'application/json' }, body };
      },
    }),
};

export default mutant;
