import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Answers 200 with an empty document for unknown offer sets and sessions. */
const mutant: Mutant = {
  id: 'ok-for-unknown-uuid',
  description: 'Answers 200 with an empty document for unknown offer sets and sessions',
  requirements: ['EB-ERR-03'],
  catches: ['errors-unknown-offerset', 'errors-unknown-session', 'errors-malformed-uuid', 'errors-error-format'],
  start: () =>
    startProxied({
      response: (req, res) =>
        res.status === 404 && /^\/(sessions|offersets)\//.test(req.path) ? answer(200, {}, 'session') : res,
    }),
};

export default mutant;
