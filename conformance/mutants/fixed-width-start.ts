import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/**
 * States every offer's start as a 30-minute window from the start it planned, whatever the request's window: it
 * fits the two hours of a usual request and overflows a narrow one (a fault an outside trial broker had).
 */
const mutant: Mutant = {
  id: 'fixed-width-start',
  description: 'States every offered start as a 30-minute window from the planned start, past a narrower request',
  requirements: ['EB-OFF-12'],
  catches: ['core-narrow-window'],
  start: () =>
    startSessionEditor((s) => {
      const available = (s['schedule'] as Doc | undefined)?.['available'] as Doc | undefined;
      const start = available?.['start'];
      if (!available || typeof start !== 'string') return;
      available['start'] = `${start.split('/')[0] ?? start}/PT30M`;
    }),
};

export default mutant;
