import type { Variant } from './variant.js';
import { refuseOnce } from './refuse-once.js';

/**
 * Answers every fourth new request 503 with Retry-After: 0 and the error document, then serves the same request
 * when it comes again: a broker shedding load, as HTTP allows. The suite must ask again, not blame it.
 */
const variant: Variant = {
  id: 'busy-at-times',
  description: 'Answers one request in four 503 + Retry-After: 0 the first time it is sent',
  start: () =>
    refuseOnce(4, 503, {
      status: 503,
      error: 'SERVICE_UNAVAILABLE',
      code: 'BUSY',
      message: 'Too busy just now; try again.',
    }),
};

export default variant;
