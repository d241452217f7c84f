import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

const DAY_MS = 86_400_000;

/** Offers every session a day after the start it planned, so an offer for a bare date starts on the next day. */
const mutant: Mutant = {
  id: 'starts-a-day-late',
  description: 'Offers every session a day after the start it planned (an offer for a bare date starts the next day)',
  requirements: ['EB-SCH-11'],
  catches: ['core-start-forms'],
  start: () =>
    startSessionEditor((s) => {
      const available = (s['schedule'] as Doc | undefined)?.['available'] as Doc | undefined;
      const start = available?.['start'];
      if (!available || typeof start !== 'string') return;
      const [instant, ...rest] = start.split('/');
      const ms = Date.parse(instant ?? '');
      if (Number.isNaN(ms)) return;
      available['start'] = [new Date(ms + DAY_MS).toISOString(), ...rest].join('/');
    }),
};

export default mutant;
