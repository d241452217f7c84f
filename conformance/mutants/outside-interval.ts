import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Offers starts a day after the requested window. */
const mutant: Mutant = {
  id: 'outside-interval',
  description: 'Offers starts a day after the requested window',
  requirements: ['EB-OFF-12', 'EB-OFF-11'],
  catches: ['core-start-in-interval'],
  start: () =>
    startSessionEditor((s) => {
      const a = (s['schedule'] as Doc | undefined)?.['available'] as Doc | undefined;
      if (a && typeof a['start'] === 'string') {
        const at = Date.parse(a['start'].split('/')[0] as string) + 86_400_000;
        a['start'] = `${new Date(at).toISOString().replace(/\.\d+Z$/, 'Z')}/PT0S`;
      }
    }),
};

export default mutant;
