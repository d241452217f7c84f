import type { Mutant } from './proxy.js';
import { answer, startProxied } from './proxy.js';

/** What this mutant reads at most: below the 64 KiB every broker must read (EB-ERR-11). */
const LIMIT = 16 * 1024;

/**
 * Refuses request bodies over 16 KiB, below the 64 KiB every broker must read. The refusal is the proxy's: the
 * reference broker's own configuration refuses a limit outside the range the standard allows.
 */
const mutant: Mutant = {
  id: 'small-body-limit',
  description: 'Refuses request bodies over 16 KiB, below the 64 KiB every broker must read',
  requirements: ['EB-ERR-11'],
  catches: ['errors-body-too-large'],
  start: () =>
    startProxied({
      request: (req) =>
        req.body.length > LIMIT
          ? answer(
              413,
              {
                status: 413,
                error: 'PAYLOAD_TOO_LARGE',
                code: 'BODY_TOO_LARGE',
                message: `The request body exceeds the limit of ${LIMIT} bytes.`,
              },
              'error',
            )
          : undefined,
    }),
};

export default mutant;
