import type { Variant } from './variant.js';
import { startProxied } from '../mutants/proxy.js';

/** Answers POST /requests and POST /direct with 200 and the document instead of 303 (the OpenAPI allows both). */
const variant: Variant = {
  id: 'ok-200',
  description: 'Answers 200 with the offer set (or session) instead of 303 + Location',
  start: () =>
    startProxied({
      response: (req, res) => {
        const path = req.path.split('?')[0];
        if (req.method !== 'POST' || (path !== '/requests' && path !== '/direct') || res.status !== 303) return res;
        const headers = { ...res.headers };
        delete headers['location'];
        return { ...res, status: 200, headers };
      },
    }),
};

export default variant;
