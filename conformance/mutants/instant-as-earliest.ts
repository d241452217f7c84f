import type { Mutant, Doc } from './proxy.js';
import { startProxied, jsonBody } from './proxy.js';

const LATER_MS = 10 * 60_000;

/** Reads a bare instant as the earliest start of an open hour, and plans ten minutes after it. */
const mutant: Mutant = {
  id: 'instant-as-earliest',
  description: 'Reads a bare start instant as "not before", and offers a start ten minutes after it',
  requirements: ['EB-OFF-12', 'EB-SCH-03'],
  catches: ['core-instant-start'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const requested = (body?.['schedule'] as Doc | undefined)?.['requested'] as Doc | undefined;
        const start = requested?.['start'];
        if (!body || !requested || typeof start !== 'string' || start.includes('/') || !start.includes('T'))
          return undefined;
        const at = Date.parse(start);
        if (Number.isNaN(at)) return undefined;
        requested['start'] = `${new Date(at + LATER_MS).toISOString().replace(/\.\d+Z$/, 'Z')}/PT1H`;
        return { ...req, body: Buffer.from(JSON.stringify(body)) };
      },
    }),
};

export default mutant;
