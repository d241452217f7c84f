import type { Mutant, Doc } from './proxy.js';
import { startProxied, rewrite } from './proxy.js';

/** Lists the findings of a 422 answer as plain messages without the urn:ebkit:finding kind. */
const mutant: Mutant = {
  id: 'untyped-findings',
  description: 'Lists the findings of a 422 answer as plain messages without the urn:ebkit:finding kind',
  requirements: ['EB-ERR-10'],
  catches: [],
  warns: ['errors-invalid-document'],
  start: () =>
    startProxied({
      response: (req, res) =>
        res.status !== 422
          ? res
          : rewrite(
              req,
              res,
              (v) =>
                void (v['messages'] = (Array.isArray(v['messages']) ? v['messages'] : []).map((m: Doc) => ({
                  ...m,
                  kind: 'urn:example:message',
                }))),
            ),
    }),
};

export default mutant;
