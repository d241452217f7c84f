import type { Mutant } from './proxy.js';
import { KINDS } from '../../src/model/kinds.js';
import { startProxied, answer, isSessionPath } from './proxy.js';

/** Answers 200 with the unchanged session to updates it does not offer. */
const mutant: Mutant = {
  id: 'lenient-updates',
  description: 'Answers 200 with the unchanged session to updates it does not offer',
  requirements: ['EB-LIFE-10', 'EB-LIFE-11', 'EB-ERR-04', 'EB-UPD-06', 'EB-LIFE-03'],
  catches: [
    'lifecycle-illegal-accept-twice',
    'lifecycle-illegal-update-terminal',
    'lifecycle-illegal-updates-per-phase',
    'lifecycle-illegal-accept-sibling',
    'lifecycle-illegal-cancel-completed',
  ],
  start: () =>
    startProxied({
      response: async (req, res) => {
        if (req.method !== 'POST' || res.status !== 409 || !isSessionPath(req.path)) return res;
        // The upstream broker's behaviour: ignore the update, answer with the session as it is.
        return answer(
          200,
          {
            kind: KINDS.SimpleExecutionSession,
            phase: 'UNCHANGED',
          },
          'session',
        );
      },
    }),
};

export default mutant;
