import type { Mutant } from './proxy.js';
import { startProxied, answer } from './proxy.js';

/** Compares the charset parameter case-sensitively: `charset=UTF-8` is refused with 415. */
const mutant: Mutant = {
  id: 'charset-case-sensitive',
  description: 'Refuses a body whose charset parameter is not written exactly "utf-8" with 415',
  requirements: ['EB-HTTP-01'],
  catches: ['negotiation-charset-param'],
  start: () =>
    startProxied({
      request: (req) => {
        const charset = /charset="?([^";]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
        if (req.method !== 'POST' || charset === undefined || charset === 'utf-8') return undefined;
        return answer(
          415,
          {
            status: 415,
            error: 'Unsupported Media Type',
            code: 'UNSUPPORTED_CONTENT_TYPE',
            message: `charset ${charset} is not supported`,
          },
          'error',
        );
      },
    }),
};

export default mutant;
