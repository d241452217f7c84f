import type { Variant } from './variant.js';
import { seeded } from './variant.js';
import { startProxied } from '../mutants/proxy.js';

/**
 * Takes 1–2 s (seeded) over every answer. A real broker this slow would not hand out 2-second offers, so its
 * offers live 15 s: the suite must neither time out nor blame the broker for its own latency.
 */
const variant: Variant = {
  id: 'slow-answers',
  description: 'Takes 1–2 s to answer every request (offers live 15 s)',
  run: { concurrency: 48, deadlineMs: 110_000 },
  start: () => {
    const random = seeded(20260814);
    return startProxied(
      {
        response: async (_req, res) => {
          await new Promise((r) => setTimeout(r, 1_000 + Math.floor(random() * 1_000)));
          return res;
        },
      },
      { offerLifetime: 15 },
    );
  },
};

export default variant;
