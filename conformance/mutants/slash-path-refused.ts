import type { Mutant } from './proxy.js';
import { startProxied, answer, jsonBody, isSessionPath } from './proxy.js';

/** Refuses updates whose path is written /phase with 409 UPDATE_NOT_OFFERED. */
const mutant: Mutant = {
  id: 'slash-path-refused',
  description: 'Refuses updates whose path is written /phase with 409 UPDATE_NOT_OFFERED',
  requirements: ['EB-UPD-09'],
  catches: ['lifecycle-phase-path-alias'],
  start: () =>
    startProxied({
      request: (req) => {
        if (req.method !== 'POST' || !isSessionPath(req.path) || jsonBody(req)?.['path'] !== '/phase') return undefined;
        return answer(
          409,
          { status: 409, error: 'CONFLICT', code: 'UPDATE_NOT_OFFERED', message: 'No option has the path /phase.' },
          'error',
        );
      },
    }),
};

export default mutant;
