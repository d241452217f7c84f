import type { Mutant } from './proxy.js';
import { startOverridden } from './proxy.js';
import { planOffers } from '../../src/broker/index.js';

type Obj = Record<string, unknown>;

/** Reads a list of start ranges as one range from the first start to the last end, so offers fall between them. */
const mutant: Mutant = {
  id: 'start-list-merged',
  description: 'Merges a list of start ranges into one span, offering starts between them',
  catches: ['core-start-in-interval'],
  requirements: ['EB-OFF-12', 'EB-SCH-12'],
  start: () =>
    startOverridden({
      planner: (input) => {
        const requested = (input.request['schedule'] as Obj | undefined)?.['requested'] as Obj | undefined;
        const start = requested?.['start'];
        if (!Array.isArray(start) || start.length < 2) return planOffers(input);
        const first = String(start[0]).split('/')[0];
        const last = String(start.at(-1)).split('/')[1];
        const merged = { ...input.request, schedule: { requested: { ...requested, start: `${first}/${last}` } } };
        const plan = planOffers({ ...input, request: merged });
        if (plan.result === 'YES') {
          // Start in the gap: an hour after the first range ends.
          const gap = Date.parse(String(String(start[0]).split('/')[1])) + 3600_000;
          for (const o of plan.offers) {
            const shift = gap - o.availableStart;
            o.availableStart += shift;
            o.prepareStart += shift;
            o.releaseEnd += shift;
          }
        }
        return plan;
      },
    }),
};

export default mutant;
