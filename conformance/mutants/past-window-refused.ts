import type { Mutant, Doc } from './proxy.js';
import { startProxied, answer, jsonBody } from './proxy.js';

/** The end of a requested start range, as an instant in ms, when the range is a start/end interval. */
function endOf(start: unknown): number | undefined {
  if (typeof start !== 'string' || !start.includes('/')) return undefined;
  const t = Date.parse(start.split('/')[1] ?? '');
  return Number.isFinite(t) ? t : undefined;
}

/** Refuses a request whose start window is already past with 422, as a broker that calls it a client mistake. */
const mutant: Mutant = {
  id: 'past-window-refused',
  description: 'Refuses a request whose start window has passed with 422 instead of answering NO',
  catches: ['core-past-window-no'],
  requirements: ['EB-ERR-15'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const end = endOf(((body?.['schedule'] as Doc | undefined)?.['requested'] as Doc | undefined)?.['start']);
        if (end !== undefined && end < Date.now()) {
          const doc = {
            status: 422,
            error: 'UNPROCESSABLE_CONTENT',
            code: 'INVALID_DOCUMENT',
            message: 'The requested start window has already passed.',
          };
          return answer(422, doc, 'error');
        }
        return undefined;
      },
    }),
};

export default mutant;
