import type { Mutant, Doc } from './proxy.js';
import { startProxied, rewrite } from './proxy.js';

/** Gives each offer set a meta.url under /offerset/ (singular), where nothing answers; the Location is right. */
const mutant: Mutant = {
  id: 'offerset-url-wrong',
  description: 'Gives each offer set a meta.url under /offerset/ (singular), where nothing answers',
  requirements: ['EB-HTTP-17'],
  catches: ['core-submit-redirect'],
  start: () =>
    startProxied({
      response: (req, res) =>
        rewrite(req, res, (v, type) => {
          const meta = v['meta'] as Doc | undefined;
          if (type === 'offerset' && typeof meta?.['url'] === 'string')
            meta['url'] = meta['url'].replace('/offersets/', '/offerset/');
        }),
    }),
};

export default mutant;
