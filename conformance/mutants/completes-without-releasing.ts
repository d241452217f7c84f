import type { Mutant } from './proxy.js';
import { startSessionEditor } from './proxy.js';

const HIDDEN = new Set(['WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING', 'RELEASING']);

/**
 * Shows an accepted session as ACCEPTED (options CANCELLED) until it is COMPLETED: OFFERED → ACCEPTED →
 * COMPLETED, without RELEASING (EB-LIFE-05).
 */
const mutant: Mutant = {
  id: 'completes-without-releasing',
  description: 'Goes ACCEPTED → COMPLETED, never showing RELEASING',
  catches: ['lifecycle-phases-follow-table'],
  requirements: ['EB-LIFE-05'],
  start: () =>
    startSessionEditor((s) => {
      if (!HIDDEN.has(String(s['phase']))) return;
      s['phase'] = 'ACCEPTED';
      const meta = (s['meta'] ?? {}) as Record<string, unknown>;
      meta['options'] = [{ kind: 'uri:enum-value-option', path: 'phase', values: ['CANCELLED'] }];
      s['meta'] = meta;
    }),
};

export default mutant;
