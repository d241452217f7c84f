import type { Mutant, Doc } from './proxy.js';
import { startProxied, jsonBody } from './proxy.js';

/** Reads a date ending a start interval as the midnight that begins that day, not as the end of it. */
const mutant: Mutant = {
  id: 'end-date-as-midnight',
  description: 'Reads a date ending a start interval as the midnight that begins the day',
  requirements: ['EB-SCH-11'],
  catches: ['core-interval-end-date'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const requested = (body?.['schedule'] as Doc | undefined)?.['requested'] as Doc | undefined;
        if (!body || typeof requested?.['start'] !== 'string') return undefined;
        requested['start'] = requested['start'].replace(/\/(\d{4}-\d{2}-\d{2})$/, '/$1T00:00:00Z');
        return { ...req, body: Buffer.from(JSON.stringify(body)) };
      },
    }),
};

export default mutant;
