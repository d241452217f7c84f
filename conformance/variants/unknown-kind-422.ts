import type { Variant } from './variant.js';
import { answer, jsonBody, startProxied, type Doc } from '../mutants/proxy.js';
import { KINDS } from '../../src/model/kinds.js';

const KNOWN: ReadonlySet<unknown> = new Set(Object.values(KINDS));

/**
 * Validates before it plans: a request (or /direct) for an executable kind it does not know is refused with 422
 * INVALID_DOCUMENT naming the kind, where the reference broker answers NO. Spec §6.4 allows both (EB-ERR-12 names
 * an unknown kind among its cases); the trial broker written from spec/ alone did this.
 */
const variant: Variant = {
  id: 'unknown-kind-422',
  description: 'Refuses a request for an executable kind it does not know with 422 INVALID_DOCUMENT naming the kind',
  start: () =>
    startProxied({
      request: (req) => {
        const path = req.path.split('?')[0];
        if (req.method !== 'POST' || (path !== '/requests' && path !== '/direct')) return undefined;
        const kind = (jsonBody(req)?.['executable'] as Doc | undefined)?.['kind'];
        if (typeof kind !== 'string' || KNOWN.has(kind)) return undefined;
        return answer(
          422,
          {
            status: 422,
            error: 'UNPROCESSABLE_CONTENT',
            code: 'INVALID_DOCUMENT',
            message: `The executable kind ${kind} is not one this service runs.`,
          },
          'error',
          req.headers['accept']?.includes('json') ? 'json' : 'yaml',
        );
      },
    }),
};

export default variant;
