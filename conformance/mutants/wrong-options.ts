import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Advertises ACCEPTED, REJECTED and CANCELLED in every phase. */
const mutant: Mutant = {
  id: 'wrong-options',
  description: 'Advertises ACCEPTED, REJECTED and CANCELLED in every phase',
  requirements: ['EB-LIFE-07', 'EB-UPD-02', 'EB-UPD-03', 'EB-UPD-04'],
  catches: [
    'core-offer-expiry-options',
    'lifecycle-accept',
    'lifecycle-reject',
    'lifecycle-phases-follow-table',
    'expiry-offers-expire',
  ],
  start: () =>
    startSessionEditor((s) => {
      const meta = (s['meta'] ??= {}) as Doc;
      meta['options'] = [
        { kind: 'uri:enum-value-option', path: 'phase', values: ['ACCEPTED', 'REJECTED', 'CANCELLED'] },
      ];
    }),
};

export default mutant;
