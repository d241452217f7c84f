import type { Mutant } from './proxy.js';
import { startTakingUpdate } from './takes-update.js';

/** Takes REJECTED on an offer that has EXPIRED, a terminal phase. */
const mutant: Mutant = {
  id: 'expired-takes-reject',
  description: 'Answers 200 to REJECTED on an EXPIRED offer, and shows it REJECTED',
  requirements: ['EB-LIFE-10'],
  catches: ['expiry-offers-expire'],
  start: () => startTakingUpdate('REJECTED', 'EXPIRED'),
};

export default mutant;
