import type { Variant } from './variant.js';
import { startProxied } from '../mutants/proxy.js';

/** Sends 303 with the Location only: no body, no Content-Type (the body of a 303 is optional). */
const variant: Variant = {
  id: 'empty-303',
  description: 'Answers 303 with no body',
  start: () =>
    startProxied({
      response: (_req, res) => {
        if (res.status !== 303) return res;
        const headers = { ...res.headers };
        delete headers['content-type'];
        return { ...res, headers, body: Buffer.alloc(0) };
      },
    }),
};

export default variant;
