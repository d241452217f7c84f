import type { Mutant } from './proxy.js';
import { startProxied, isSessionPath } from './proxy.js';

/** Answers 409 to an update it does not offer, but rejects or cancels the session all the same. */
const mutant: Mutant = {
  id: 'refusal-applies-update',
  description: 'Answers 409 to an update it does not offer, but rejects or cancels the session all the same',
  requirements: ['EB-ERR-04'],
  catches: ['lifecycle-refused-update-unchanged', 'lifecycle-illegal-updates-per-phase'],
  start: () =>
    startProxied({
      response: async (req, res) => {
        if (
          req.method !== 'POST' ||
          res.status !== 409 ||
          !isSessionPath(req.path) ||
          req.headers['x-mutant'] !== undefined
        )
          return res;
        for (const value of ['REJECTED', 'CANCELLED']) {
          const body = JSON.stringify({ kind: 'uri:enum-value-update', path: 'phase', value });
          await fetch(`http://${req.headers['host']}${req.path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-mutant': '1' },
            body,
          }).then((r) => r.arrayBuffer());
        }
        return res;
      },
    }),
};

export default mutant;
