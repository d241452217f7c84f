import type { Mutant, Doc } from './proxy.js';
import { startProxied, rewrite, jsonBody, isSessionPath } from './proxy.js';

const ACTIVE = new Set(['PREPARING', 'AVAILABLE', 'RUNNING']);

/** Winds down a session cancelled while it runs as if it had finished: RELEASING, then COMPLETED, never CANCELLED. */
const mutant: Mutant = {
  id: 'cancel-completes',
  description: 'Reports a session cancelled while preparing or running as COMPLETED, never CANCELLED',
  requirements: ['EB-LIFE-08'],
  catches: ['lifecycle-cancel-while-active'],
  start: () =>
    startProxied({
      request: (req, state) => {
        const path = req.path.split('?')[0] ?? '';
        const body = req.method === 'POST' && isSessionPath(path) ? jsonBody(req) : undefined;
        if (body?.['value'] === 'CANCELLED' && ACTIVE.has(String(state.get(`phase ${path}`))))
          state.set(`completes ${path}`, true);
        return undefined;
      },
      response: (req, res, state) => {
        const path = req.path.split('?')[0] ?? '';
        if (!isSessionPath(path)) return res;
        return rewrite(req, res, (v: Doc, type) => {
          if (type !== 'session') return;
          if (state.get(`completes ${path}`) === true && v['phase'] === 'CANCELLED') v['phase'] = 'COMPLETED';
          state.set(`phase ${path}`, v['phase']);
        });
      },
    }),
};

export default mutant;
