import type { Variant } from './variant.js';
import { startSessionEditor } from '../mutants/proxy.js';
import type { Doc } from '../mutants/proxy.js';
import { KINDS } from '../../src/model/kinds.js';

/**
 * States each offer's slot on its components (the executable and the compute resource carry the lifecycle
 * schedule) instead of on the session, which is then a simple session: the model allows either (spec/03 §3.6).
 */
const variant: Variant = {
  id: 'component-schedules',
  description: 'Schedules on the executable and compute components, none on the session',
  start: () =>
    startSessionEditor((s: Doc) => {
      const schedule = s['schedule'];
      if (schedule === undefined) return;
      delete s['schedule'];
      s['kind'] = KINDS.SimpleExecutionSession;
      for (const part of ['executable', 'compute'] as const) {
        const c = s[part];
        if (c && typeof c === 'object' && !Array.isArray(c)) (c as Doc)['schedule'] = structuredClone(schedule);
      }
    }),
};

export default variant;
