import type { Variant } from './variant.js';
import { refuseOnce } from './refuse-once.js';

/**
 * Uses extension error codes where the table of spec/06 §6.4 names none (EB-ERR-14): one new request in five is
 * answered 429 RATE_LIMITED (a status the table does not list) and, the second time, served; a 403 would be
 * FORBIDDEN with a code of its own. Every case the table names keeps its listed code.
 */
const variant: Variant = {
  id: 'extension-codes',
  description: 'Answers one request in five 429 with the extension code RATE_LIMITED (Retry-After: 0)',
  start: () =>
    refuseOnce(5, 429, {
      status: 429,
      error: 'TOO_MANY_REQUESTS',
      code: 'RATE_LIMITED',
      message: 'Slow down; try again.',
    }),
};

export default variant;
