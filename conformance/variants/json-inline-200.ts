import type { Variant } from './variant.js';
import { startProxied } from '../mutants/proxy.js';

/**
 * Answers POST /requests with 200 and the offer set when the client asks for JSON first, and with 303 + Location
 * otherwise. EB-HTTP-06 allows either answer, and nothing asks a broker to answer every request alike (submitting
 * is not idempotent, EB-HTTP-05), so a check may see one kind of answer on one POST and the other on the next.
 */
const variant: Variant = {
  id: 'json-inline-200',
  description: 'Answers POST /requests with 200 to a client asking for JSON, with 303 to the others',
  start: () =>
    startProxied({
      response: (req, res) => {
        if (req.method !== 'POST' || req.path.split('?')[0] !== '/requests' || res.status !== 303) return res;
        if (!/^\s*application\/json\b/i.test(req.headers['accept'] ?? '')) return res;
        const headers = { ...res.headers };
        delete headers['location'];
        return { ...res, status: 200, headers };
      },
    }),
};

export default variant;
