import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** A cancelled session still advertises ACCEPTED and CANCELLED, though it refuses both (a terminal phase offers none). */
const mutant: Mutant = {
  id: 'cancelled-advertises-accept',
  description: 'A CANCELLED session advertises ACCEPTED and CANCELLED among its options',
  requirements: ['EB-LIFE-07'],
  catches: ['lifecycle-illegal-update-cancelled'],
  start: () =>
    startSessionEditor((s) => {
      if (s['phase'] !== 'CANCELLED') return;
      ((s['meta'] ??= {}) as Doc)['options'] = [
        { kind: 'uri:enum-value-option', path: 'phase', values: ['ACCEPTED', 'CANCELLED'] },
      ];
    }),
};

export default mutant;
