import type { Variant } from './variant.js';
import { startOverridden } from '../mutants/proxy.js';
import { acceleratedClock } from '../lib/clock.js';

/** How much faster than the wall clock this variant's broker and the run's waits go. */
const FACTOR = 120;

/**
 * A broker with realistic timings (offers live 10 minutes, PREPARING 3 minutes, RELEASING 2, one-minute slots),
 * on a clock the test controls: the broker and the run share a clock running 120 times faster, so the suite
 * waits minutes by the same code a real run uses, in seconds of real time. A 30-minute deadline (15 s real).
 */
const variant: Variant = {
  id: 'minutes-phases',
  description: 'Offers live 10 min, phases last minutes (a shared clock running 120× fast)',
  start: async () => {
    const clock = acceleratedClock(FACTOR);
    const server = await startOverridden(
      {},
      {
        clock,
        tickMs: 20,
        config: {
          offerLifetime: 600,
          slotSeconds: 60,
          prepare: 'PT3M',
          release: 'PT2M',
          acceptedHold: 'PT1M',
          startup: 'PT1M',
        },
      },
    );
    return { ...server, run: { clock, deadlineMs: 30 * 60_000, pollIntervalMs: 1_000 } };
  },
};

export default variant;
