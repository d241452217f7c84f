import type { Mutant, Doc } from './proxy.js';
import { startProxied, rewrite, isSessionPath } from './proxy.js';

/**
 * Invalid only where no check but core-bodies-valid judges validity: the messages of a NO offer set (level
 * WARNING, a time without its offset) and the compute of a session read on its own (min above max).
 */
const mutant: Mutant = {
  id: 'invalid-where-unjudged',
  description:
    'Writes NO offer sets with message level WARNING and offset-less message times, and sessions read alone with cores min above max',
  requirements: ['EB-DM-02', 'EB-SCH-05', 'EB-DM-01'],
  catches: ['core-bodies-valid'],
  start: () =>
    startProxied({
      response: (req, res) =>
        rewrite(req, res, (v, type) => {
          if (type === 'offerset' && v['result'] === 'NO') {
            const meta = v['meta'] as Doc | undefined;
            const messages = Array.isArray(meta?.['messages']) ? (meta['messages'] as Doc[]) : [];
            for (const m of messages) {
              if (m['level'] === 'WARN') m['level'] = 'WARNING';
              if (typeof m['time'] === 'string') m['time'] = m['time'].replace(/(Z|[+-]\d\d:\d\d)$/, '');
            }
          }
          if (type === 'session' && isSessionPath(req.path.split('?')[0] ?? '')) {
            const cores = (v['compute'] as Doc | undefined)?.['cores'] as Doc | undefined;
            if (cores && typeof cores['max'] === 'number') cores['min'] = cores['max'] + 1;
          }
        }),
    }),
};

export default mutant;
