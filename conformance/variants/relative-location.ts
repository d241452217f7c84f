import type { Variant } from './variant.js';
import { startProxied } from '../mutants/proxy.js';

/** Puts path-relative references in Location (RFC 9110 §10.2.2 allows any URI reference). */
const variant: Variant = {
  id: 'relative-location',
  description:
    'Sends Location as a relative reference (offersets/{uuid} from /requests, /sessions/{uuid} from /direct)',
  start: () =>
    startProxied({
      response: (req, res) => {
        const location = res.headers['location'];
        if (!location) return res;
        const { pathname } = new URL(location);
        // From /requests, "offersets/x" resolves to /offersets/x; from /direct an absolute path is used.
        const relative = req.path.startsWith('/requests') ? pathname.replace(/^\//, '') : pathname;
        return { ...res, headers: { ...res.headers, location: relative } };
      },
    }),
};

export default variant;
