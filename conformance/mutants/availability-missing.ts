import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Has no /availability endpoint. */
const mutant: Mutant = {
  id: 'availability-missing',
  description: 'Has no /availability endpoint',
  requirements: ['EB-VOSI-01', 'EB-VOSI-04'],
  catches: ['vosi-availability-document', 'vosi-capabilities-consistent'],
  start: () =>
    startProxied({
      request: (req) =>
        req.path === '/availability'
          ? answer(404, { status: 404, error: 'NOT_FOUND', code: 'UNKNOWN_PATH', message: 'no such path' }, 'error')
          : undefined,
    }),
};

export default mutant;
