import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Sends 4xx answers with an empty body. */
const mutant: Mutant = {
  id: 'no-error-document',
  description: 'Sends 4xx answers with an empty body',
  requirements: ['EB-ERR-01'],
  catches: [
    'errors-unknown-offerset',
    'errors-unknown-session',
    'errors-malformed-body',
    'errors-unknown-path',
    'errors-method-not-allowed',
    'errors-error-format',
    'negotiation-406',
    'negotiation-415',
    'lifecycle-illegal-accept-twice',
    'lifecycle-update-shape',
    'errors-body-too-large',
    'errors-malformed-uuid',
    'errors-no-5xx',
    'errors-invalid-document',
  ],
  start: () =>
    startProxied({
      response: (_req, res) =>
        res.status >= 400
          ? { status: res.status, headers: { allow: res.headers['allow'] ?? '' }, body: Buffer.alloc(0) }
          : res,
    }),
};

export default mutant;
