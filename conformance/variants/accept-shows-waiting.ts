import type { Variant } from './variant.js';
import { startSessionEditor } from '../mutants/proxy.js';

/**
 * Moves an accepted session on to WAITING at once: the answer to the accept already shows WAITING, and no read
 * ever shows ACCEPTED (EB-UPD-10: the session as it is after the change). The options are those of WAITING.
 */
const variant: Variant = {
  id: 'accept-shows-waiting',
  description: 'The answer to an accept already shows WAITING; ACCEPTED is never seen',
  start: () =>
    startSessionEditor((s) => {
      if (s['phase'] === 'ACCEPTED') s['phase'] = 'WAITING';
    }),
};

export default variant;
