import { KINDS } from '../../model/kinds.js';
import { childPointer } from '../../util/pointer.js';
import type { MigrationStep } from '../types.js';
import { mappings } from '../walk.js';

/**
 * The newest Java broker writes sessions with a schedule under the simple-session kind (DOMAIN.md §5.7), so a
 * reader going by kind drops the schedule; the kind that carries `schedule` is the scheduled one. After the kind
 * step, so an older session kind is already the 1.0 simple one.
 */
export const scheduledSession: MigrationStep = {
  slug: 'scheduled-session',
  apply(root, ctx) {
    for (const { node, pointer } of mappings(root)) {
      if (node['kind'] !== KINDS.SimpleExecutionSession || node['schedule'] === undefined) continue;
      node['kind'] = KINDS.ScheduledExecutionSession;
      ctx.change(
        childPointer(pointer, 'kind'),
        'a session with a schedule is a scheduled-execution-session (the simple kind has no schedule)',
      );
    }
  },
};
