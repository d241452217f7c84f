import type { Mutant } from './proxy.js';
import { startTakingUpdate } from './takes-update.js';

/** Takes CANCELLED while RELEASING, where the session offers no update. */
const mutant: Mutant = {
  id: 'cancel-in-releasing',
  description: 'Accepts CANCELLED while RELEASING, where the session offers no update',
  requirements: ['EB-ERR-04', 'EB-LIFE-03'],
  catches: ['lifecycle-illegal-updates-per-phase'],
  start: () => startTakingUpdate('CANCELLED', 'RELEASING'),
};

export default mutant;
