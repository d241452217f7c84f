import { createHash } from 'node:crypto';
import type { Variant } from './variant.js';
import { answer, startProxied } from '../mutants/proxy.js';

/**
 * Answers every fourth new request 503 with Retry-After: 0 and the error document, then serves the same request
 * when it comes again: a broker shedding load, as HTTP allows. The suite must ask again, not blame it.
 */
const variant: Variant = {
  id: 'busy-at-times',
  description: 'Answers one request in four 503 + Retry-After: 0 the first time it is sent',
  start: () => {
    let n = 0;
    const refused = new Set<string>();
    return startProxied({
      request: (req) => {
        const key = `${req.method} ${req.path} ${createHash('sha1').update(req.body).digest('hex')}`;
        if (refused.delete(key)) return undefined;
        if (++n % 4 !== 0) return undefined;
        refused.add(key);
        const busy = answer(503, { status: 503, error: 'SERVICE_UNAVAILABLE', code: 'BUSY', message: 'Too busy just now; try again.' }, 'error');
        return { ...busy, headers: { ...busy.headers, 'retry-after': '0' } };
      },
    });
  },
};

export default variant;
