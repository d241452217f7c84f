import type { Mutant, Doc } from './proxy.js';
import { startProxied, jsonBody } from './proxy.js';

/** 2027-02-31 → 2027-03-03: the day rolled over into the next month, as a lenient date parser does. */
function rolledOver(text: string): string {
  return text.replace(/(\d{4})-(\d{2})-(\d{2})T/g, (whole, y: string, m: string, d: string) => {
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return Number(d) === date.getUTCDate() ? whole : `${date.toISOString().slice(0, 10)}T`;
  });
}

/**
 * Reads requests leniently where it must refuse them: a day that does not exist rolls over into the next month,
 * and names are kept unique only within each list (a compute named like the executable is renamed).
 */
const mutant: Mutant = {
  id: 'lenient-request-reader',
  description:
    'Rolls a day that does not exist over into the next month, and renames a compute named like the executable',
  requirements: ['EB-ERR-12'],
  catches: ['errors-impossible-date', 'errors-names-unique-across'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        if (!body) return undefined;
        const requested = (body['schedule'] as Doc | undefined)?.['requested'] as Doc | undefined;
        if (typeof requested?.['start'] === 'string') requested['start'] = rolledOver(requested['start']);
        const exec = (body['executable'] as Doc | undefined)?.['meta'] as Doc | undefined;
        const compute = (body['compute'] as Doc | undefined)?.['meta'] as Doc | undefined;
        if (exec && compute && exec['name'] === compute['name']) compute['name'] = `${String(compute['name'])}-2`;
        return { ...req, body: Buffer.from(JSON.stringify(body)) };
      },
    }),
};

export default mutant;
