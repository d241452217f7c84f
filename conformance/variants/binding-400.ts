import type { Variant } from './variant.js';
import { rewrite, startProxied } from '../mutants/proxy.js';

/**
 * Answers a schema-invalid or semantically wrong request, and a schema-invalid update, with 400 MALFORMED_BODY
 * instead of 422, as a service that parses and binds in one step does (the upstream broker); spec §6.4 allows
 * both for any body (EB-ERR-08, EB-ERR-12).
 */
const variant: Variant = {
  id: 'binding-400',
  description: 'Refuses invalid requests and updates with 400 MALFORMED_BODY instead of 422 INVALID_DOCUMENT',
  start: () =>
    startProxied({
      response: (req, res) => {
        const path = req.path.split('?')[0];
        const bound = path === '/requests' || path === '/direct' || path?.startsWith('/sessions/') === true;
        if (req.method !== 'POST' || !bound || res.status !== 422) return res;
        const out = rewrite(req, res, (doc) => ({ ...doc, status: 400, error: 'BAD_REQUEST', code: 'MALFORMED_BODY' }));
        return { ...out, status: 400 };
      },
    }),
};

export default variant;
