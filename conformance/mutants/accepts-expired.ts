import type { Mutant } from './proxy.js';
import { KINDS } from '../../src/model/kinds.js';
import { startProxied, answer, jsonBody, isSessionPath } from './proxy.js';

/** Accepts an offer after it has expired. */
const mutant: Mutant = {
  id: 'accepts-expired',
  description: 'Accepts an offer after it has expired',
  requirements: ['EB-LIFE-09'],
  catches: ['expiry-accept-expired-refused'],
  start: () =>
    startProxied({
      response: (req, res) => {
        if (req.method !== 'POST' || res.status !== 409 || !isSessionPath(req.path)) return res;
        const err = jsonBody({
          ...req,
          headers: { 'content-type': res.headers['content-type'] ?? '' },
          body: res.body,
        });
        if (err?.['code'] !== 'OFFER_EXPIRED') return res;
        return answer(
          200,
          {
            kind: KINDS.SimpleExecutionSession,
            phase: 'ACCEPTED',
            meta: { options: [] },
          },
          'session',
        );
      },
    }),
};

export default mutant;
