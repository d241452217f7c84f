import type { Mutant, Doc } from './proxy.js';
import { startProxied, rewrite, eachSession } from './proxy.js';

/** What a revived session shows instead of its final phase: a cancelled run goes on, a rejected offer is open. */
const REVIVED: Record<string, string> = { CANCELLED: 'RUNNING', REJECTED: 'OFFERED' };
/** How long a session shows its final phase before it is shown revived. */
const SHOWN_FINAL_MS = 300;

/**
 * Answers a cancel with CANCELLED and a rejection with REJECTED, and a moment later shows the session running
 * again (or the offer open again), as a broker that acknowledges a cancel but never stops the run would.
 */
const mutant: Mutant = {
  id: 'final-phase-revives',
  description: 'Shows a CANCELLED session RUNNING, and a REJECTED offer OFFERED, a moment after it ended',
  requirements: ['EB-LIFE-08'],
  catches: ['lifecycle-final-phases-stay'],
  start: () =>
    startProxied({
      response: (req, res, state) =>
        rewrite(req, res, (v: Doc, type) =>
          eachSession(v, type, (s) => {
            const key = `final ${String((s['meta'] as Doc | undefined)?.['uuid'])}`;
            const revived = REVIVED[String(s['phase'])];
            if (revived === undefined) return;
            const since = state.get(key);
            if (typeof since !== 'number') state.set(key, Date.now());
            else if (Date.now() - since > SHOWN_FINAL_MS) s['phase'] = revived;
          }),
        ),
    }),
};

export default mutant;
