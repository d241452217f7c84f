import type { Mutant } from './proxy.js';
import { startProxied, isSessionPath } from './proxy.js';

/** Takes DELETE on a session as rejecting it, and answers with the session. */
const mutant: Mutant = {
  id: 'delete-rejects-session',
  description: 'Takes DELETE on a session as rejecting it, and answers with the session',
  requirements: ['EB-ERR-09'],
  catches: ['errors-session-delete'],
  start: () =>
    startProxied({
      request: (req) => {
        if (req.method !== 'DELETE' || !isSessionPath(req.path)) return undefined;
        const body = Buffer.from(JSON.stringify({ kind: 'uri:enum-value-update', path: 'phase', value: 'REJECTED' }));
        return { ...req, method: 'POST', headers: { ...req.headers, 'content-type': 'application/json' }, body };
      },
    }),
};

export default mutant;
