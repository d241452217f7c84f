import { randomUUID } from 'node:crypto';
import type { Mutant, Doc } from './proxy.js';
import { startProxied, rewrite, eachSession } from './proxy.js';

/** Gives offers a meta.url naming another session. */
const mutant: Mutant = {
  id: 'wrong-session-urls',
  description: 'Gives offers a meta.url naming another session',
  requirements: ['EB-UPD-01', 'EB-HTTP-17'],
  catches: ['core-session-urls'],
  start: () =>
    startProxied({
      response: (req, res) =>
        req.method === 'GET' && req.path.startsWith('/offersets/')
          ? rewrite(req, res, (v, t) =>
              eachSession(v, t, (s) => {
                const meta = s['meta'] as Doc | undefined;
                if (meta && typeof meta['url'] === 'string')
                  meta['url'] = meta['url'].replace(/[0-9a-f-]{36}$/, randomUUID());
              }),
            )
          : res,
    }),
};

export default mutant;
