import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Puts two time slots in one offer. */
const mutant: Mutant = {
  id: 'two-slots',
  description: 'Puts two time slots in one offer',
  requirements: ['EB-OFF-14'],
  catches: ['core-one-slot-per-offer'],
  start: () =>
    startSessionEditor((s) => {
      const sch = s['schedule'] as Doc | undefined;
      if (sch?.['available']) sch['available'] = [sch['available'], sch['available']];
    }),
};

export default mutant;
