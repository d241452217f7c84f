import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** States the preparing start a minute after the releasing start. */
const mutant: Mutant = {
  id: 'schedule-out-of-order',
  description: 'States the preparing start of each session a minute after its releasing start',
  requirements: ['EB-SCH-07'],
  catches: ['core-schedule-order'],
  start: () =>
    startSessionEditor((s) => {
      const preparing = (s['schedule'] as Doc | undefined)?.['preparing'] as Doc | undefined;
      const releasing = (s['schedule'] as Doc | undefined)?.['releasing'] as Doc | undefined;
      const at = typeof releasing?.['start'] === 'string' ? Date.parse(releasing['start']) : NaN;
      if (preparing && Number.isFinite(at)) preparing['start'] = new Date(at + 60_000).toISOString();
    }),
};

export default mutant;
