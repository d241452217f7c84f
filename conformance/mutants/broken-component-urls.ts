import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Gives each offered component a meta.url under its session that nothing serves. */
const mutant: Mutant = {
  id: 'broken-component-urls',
  description: 'Gives each offered component a meta.url under its session that nothing serves',
  requirements: ['EB-HTTP-17'],
  catches: ['core-component-urls'],
  start: () =>
    startSessionEditor((s) => {
      const url = (s['meta'] as Doc | undefined)?.['url'];
      for (const key of ['executable', 'compute']) {
        const meta = (s[key] as Doc | undefined)?.['meta'] as Doc | undefined;
        if (meta && typeof url === 'string') meta['url'] = `${url}/${key}`;
      }
    }),
};

export default mutant;
