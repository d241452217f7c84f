import type { Variant } from './variant.js';
import { startOverridden } from '../mutants/proxy.js';

/** Keeps an accepted session ACCEPTED for an hour before it moves on (a queue in front of the platform). */
const variant: Variant = {
  id: 'slow-phases',
  description: 'Sessions stay ACCEPTED for an hour after acceptance',
  // A short deadline: the run waits for the whole of it, whatever the broker does.
  run: { deadlineMs: 15_000 },
  start: () => startOverridden({}, { config: { acceptedHold: 'PT1H' } }),
};

export default variant;
