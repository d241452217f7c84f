import { negotiateResponseFormat } from '../../src/serialize/index.js';
import type { Mutant } from './proxy.js';
import { startOverridden } from './proxy.js';

/** Defaults to JSON when Accept is missing, a wildcard or a list. */
const mutant: Mutant = {
  id: 'defaults-to-json',
  description: 'Defaults to JSON when Accept is missing or */*',
  requirements: ['EB-HTTP-03'],
  catches: ['negotiation-default-yaml', 'errors-error-format'],
  start: () =>
    startOverridden({
      stages: {
        negotiateResponseFormat: (accept) =>
          !accept || accept.trim() === '*/*' || accept.includes(',') ? 'json' : negotiateResponseFormat(accept),
      },
    }),
};

export default mutant;
