import type { Mutant } from './proxy.js';
import { startOverridden } from './proxy.js';
import { negotiateResponseFormat } from '../../src/serialize/index.js';

/** The media ranges of an Accept header in the order listed, their q values dropped. */
const unweighted = (accept: string | undefined): string | undefined =>
  accept
    ?.split(',')
    .map((range) => range.split(';')[0]!.trim())
    .join(', ');

/**
 * Reads Accept without its weights: of the types listed, the first it serves wins, whatever its q value. Every
 * request that names one type, or types of equal weight, is answered as before.
 */
const mutant: Mutant = {
  id: 'accept-weights-ignored',
  description: 'Ignores q values in Accept: the first type listed that it serves wins',
  requirements: ['EB-HTTP-04'],
  catches: ['negotiation-accept-weights'],
  start: () =>
    startOverridden({
      stages: {
        negotiateResponseFormat: (accept: string | undefined) => {
          const ranges = unweighted(accept);
          const first = ranges
            ?.split(', ')
            .map((r) => negotiateResponseFormat(r))
            .find((f) => f !== undefined);
          return first ?? negotiateResponseFormat(ranges);
        },
      },
    }),
};

export default mutant;
