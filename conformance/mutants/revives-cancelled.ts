import type { Mutant, Doc } from './proxy.js';
import { startProxied, answer, rewrite, isSessionPath } from './proxy.js';

const REVIVE = [{ kind: 'uri:enum-value-option', path: 'phase', values: ['ACCEPTED', 'CANCELLED'] }];

/** Treats CANCELLED as a pause: a cancelled session offers ACCEPTED again and takes it with 200. */
const mutant: Mutant = {
  id: 'revives-cancelled',
  description: 'A CANCELLED session advertises ACCEPTED and CANCELLED, and answers an update of it with 200',
  requirements: ['EB-LIFE-10', 'EB-LIFE-07'],
  catches: ['lifecycle-illegal-update-cancelled'],
  start: () =>
    startProxied({
      response: (req, res, state) => {
        const path = req.path.split('?')[0] ?? '';
        if (!isSessionPath(path)) return res;
        if (req.method === 'POST' && res.status === 409 && state.get(path) === 'CANCELLED')
          return answer(200, { phase: 'ACCEPTED', meta: { options: REVIVE } }, 'session');
        return rewrite(req, res, (v, type) => {
          if (type !== 'session' || v['phase'] !== 'CANCELLED') return;
          state.set(path, 'CANCELLED');
          ((v['meta'] ??= {}) as Doc)['options'] = REVIVE;
        });
      },
    }),
};

export default mutant;
