import type { Mutant } from './proxy.js';
import { startProxied, rewrite } from './proxy.js';

/** Says NO while listing offers, and MAYBE when it means YES. */
const mutant: Mutant = {
  id: 'result-inconsistent',
  description: 'Says NO while listing offers, and MAYBE when it means YES',
  requirements: ['EB-OFF-09'],
  catches: ['core-result-consistent'],
  start: () =>
    startProxied({
      response: (req, res) =>
        req.path.startsWith('/offersets/') ? rewrite(req, res, (v) => void (v['result'] = 'NO')) : res,
    }),
};

export default mutant;
