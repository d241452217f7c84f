import type { Mutant } from './proxy.js';
import { startOverridden } from './proxy.js';

/** Refuses request bodies over 16 KiB, below the 64 KiB every broker must read. */
const mutant: Mutant = {
  id: 'small-body-limit',
  description: 'Refuses request bodies over 16 KiB, below the 64 KiB every broker must read',
  requirements: ['EB-ERR-11'],
  catches: ['errors-body-too-large'],
  start: () => startOverridden({}, { config: { bodyLimit: 16 * 1024 } }),
};

export default mutant;
