import type { Mutant, Doc } from './proxy.js';
import { rewrite, startProxied } from './proxy.js';

/**
 * Gives the second offer of each set the first offer's uuid in upper case, its URL ending with it: two offers
 * that only a case-sensitive reader tells apart (one UUID, RFC 9562 §4). The broker serves the URL all the same,
 * since its routes read UUIDs in either case.
 */
const mutant: Mutant = {
  id: 'offer-uuids-repeat-in-case',
  description: "Gives an offer its sibling's uuid in upper case (one UUID, two offers)",
  requirements: ['EB-REF-06'],
  catches: ['core-offer-identity'],
  start: () =>
    startProxied({
      response: (req, res) =>
        rewrite(req, res, (v, t) => {
          if (t !== 'offerset' || !Array.isArray(v['offers']) || v['offers'].length < 2) return;
          const [first, second] = v['offers'] as Doc[];
          const a = first?.['meta'] as Doc | undefined;
          const b = second?.['meta'] as Doc | undefined;
          if (typeof a?.['uuid'] !== 'string' || typeof b?.['url'] !== 'string') return;
          const shared = a['uuid'].toUpperCase();
          b['uuid'] = shared;
          b['url'] = b['url'].replace(/[^/]+$/, shared);
        }),
    }),
};

export default mutant;
