import type { Mutant } from './proxy.js';
import { startOverridden } from './proxy.js';

/** Answers JSON whatever Accept asks for. */
const mutant: Mutant = {
  id: 'ignores-accept',
  description: 'Answers JSON whatever Accept asks for',
  requirements: ['EB-HTTP-03', 'EB-HTTP-04', 'EB-HTTP-12', 'EB-HTTP-16'],
  catches: [
    'negotiation-yaml-in-out',
    'negotiation-default-yaml',
    'negotiation-xml-in-out',
    'negotiation-406',
    'errors-error-format',
  ],
  start: () => startOverridden({ stages: { negotiateResponseFormat: () => 'json' } }),
};

export default mutant;
