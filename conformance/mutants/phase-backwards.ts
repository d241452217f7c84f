import type { Mutant } from './proxy.js';
import { startProxied, rewrite, isSessionPath } from './proxy.js';

/** Reports an accepted session as OFFERED again on every other read. */
const mutant: Mutant = {
  id: 'phase-backwards',
  description: 'Reports an accepted session as OFFERED again on every other read',
  requirements: ['EB-LIFE-08'],
  catches: ['lifecycle-phases-follow-table'],
  start: () =>
    startProxied({
      response: (req, res, state) => {
        if (req.method !== 'GET' || !isSessionPath(req.path)) return res;
        const n = Number(state.get(req.path) ?? 0) + 1;
        state.set(req.path, n);
        return rewrite(req, res, (v) => {
          if (
            n % 2 === 0 &&
            ['WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING', 'RELEASING', 'COMPLETED'].includes(String(v['phase']))
          )
            v['phase'] = 'ACCEPTED';
        });
      },
    }),
};

export default mutant;
