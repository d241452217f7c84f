import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Answers 200 for unknown paths and 404 for unsupported methods. */
const mutant: Mutant = {
  id: 'wrong-unknown-path',
  description: 'Answers 200 for unknown paths and 404 for unsupported methods',
  requirements: ['EB-ERR-09'],
  catches: ['errors-unknown-path', 'errors-method-not-allowed'],
  start: () =>
    startProxied({
      response: (req, res) =>
        res.status === 404 && !/^\/(sessions|offersets)\//.test(req.path)
          ? answer(200, {}, 'session')
          : res.status === 405
            ? { ...res, status: 404 }
            : res,
    }),
};

export default mutant;
