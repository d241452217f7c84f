import type { Mutant, Doc } from './proxy.js';
import { startProxied, answer, jsonBody } from './proxy.js';

/** Refuses a requested start that is a bare date or has no zone offset, as a parser of zoned date-times only would. */
const mutant: Mutant = {
  id: 'dates-refused',
  description: 'Refuses bare-date and offset-free start ranges with 422',
  catches: ['core-start-forms'],
  requirements: ['EB-SCH-01', 'EB-SCH-10', 'EB-SCH-11'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const start = ((body?.['schedule'] as Doc | undefined)?.['requested'] as Doc | undefined)?.['start'];
        if (typeof start === 'string' && !/(Z|[+-]\d{2}:\d{2})(\/|$)/.test(start)) {
          const doc = {
            status: 422,
            error: 'UNPROCESSABLE_CONTENT',
            code: 'INVALID_DOCUMENT',
            message: `Cannot read the start ${start}.`,
          };
          return answer(422, doc, 'error');
        }
        return undefined;
      },
    }),
};

export default mutant;
