import type { Mutant } from './proxy.js';
import { startProxied, rewrite, eachSession, jsonBody } from './proxy.js';

/** Leaves the siblings of an accepted offer OFFERED. */
const mutant: Mutant = {
  id: 'siblings-not-rejected',
  description: 'Leaves the siblings of an accepted offer OFFERED',
  requirements: ['EB-LIFE-02'],
  catches: ['lifecycle-accept-rejects-siblings'],
  start: () =>
    startProxied({
      request: (req, state) => {
        const body = req.method === 'POST' ? jsonBody(req) : undefined;
        if (body?.['value'] === 'REJECTED') state.set(req.path, true);
        return undefined;
      },
      response: (req, res, state) =>
        req.method === 'GET' && !state.has(req.path)
          ? rewrite(req, res, (v, t) =>
              eachSession(v, t, (s) => {
                if (s['phase'] === 'REJECTED') s['phase'] = 'OFFERED';
              }),
            )
          : res,
    }),
};

export default mutant;
