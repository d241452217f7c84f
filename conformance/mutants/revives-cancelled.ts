import type { Mutant } from './proxy.js';
import { startProxied, answer, rewrite, isSessionPath } from './proxy.js';

/**
 * Treats CANCELLED as a pause: an update of a cancelled session is answered 200 as if it had been accepted again,
 * though the session still advertises no option (that part is cancelled-advertises-accept's).
 */
const mutant: Mutant = {
  id: 'revives-cancelled',
  description: 'Answers an update of a CANCELLED session with 200 and the session ACCEPTED again',
  requirements: ['EB-LIFE-10'],
  catches: ['lifecycle-illegal-update-cancelled'],
  start: () =>
    startProxied({
      response: (req, res, state) => {
        const path = req.path.split('?')[0] ?? '';
        if (!isSessionPath(path)) return res;
        if (req.method === 'POST' && res.status === 409 && state.get(path) === 'CANCELLED')
          return answer(200, { phase: 'ACCEPTED', meta: { options: [] } }, 'session');
        return rewrite(req, res, (v, type) => {
          if (type === 'session' && v['phase'] === 'CANCELLED') state.set(path, 'CANCELLED');
        });
      },
    }),
};

export default mutant;
