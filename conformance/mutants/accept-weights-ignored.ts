import type { Mutant } from './proxy.js';
import { startOverridden } from './proxy.js';
import { negotiateResponseFormat } from '../../src/serialize/index.js';

/**
 * Reads Accept without its weights: of the types listed, the first it serves wins, whatever its q value. A request
 * that names one type, or lists its types most wanted first, is answered as before.
 */
const mutant: Mutant = {
  id: 'accept-weights-ignored',
  description: 'Ignores q values in Accept: the first type listed that it serves wins',
  requirements: ['EB-HTTP-04'],
  catches: ['negotiation-accept-weights'],
  start: () =>
    startOverridden({
      stages: {
        negotiateResponseFormat: (accept: string | undefined) =>
          accept
            ?.split(',')
            .map((range) => negotiateResponseFormat(range.split(';')[0]!.trim()))
            .find((f) => f !== undefined) ?? negotiateResponseFormat(accept),
      },
    }),
};

export default mutant;
