import type { Mutant } from './proxy.js';
import { startProxied, rewrite } from './proxy.js';

/** Puts a status in the error document that differs from the HTTP status. */
const mutant: Mutant = {
  id: 'error-status-mismatch',
  description: 'Puts a status in the error document that differs from the HTTP status',
  requirements: ['EB-ERR-02'],
  catches: ['errors-unknown-offerset', 'errors-unknown-session'],
  start: () =>
    startProxied({
      response: (req, res) => (res.status >= 400 ? rewrite(req, res, (v) => void (v['status'] = 400)) : res),
    }),
};

export default mutant;
