import { defineRule } from '../../rule.js';
import { isObject } from '../../../util/index.js';

/**
 * An offer states the defaults its broker applied (EB-DEF-01, EB-DEF-03, EB-DEF-04): a run length, the
 * compute's cores and memory, each volume's mode and path. Only offers are judged: a request may leave them out.
 */
export default defineRule({
  slug: 'offer-defaults',
  requirements: ['EB-DEF-01', 'EB-DEF-03', 'EB-DEF-04'],
  appliesTo: ['offerset', 'session'],
  check(ctx) {
    for (const s of ctx.nodes.sessions) {
      if (s.value.phase !== 'OFFERED') continue;
      const available = isObject(s.value.schedule) ? s.value.schedule.available : undefined;
      if (isObject(available) && available.duration === undefined) {
        ctx.report({
          requirement: 'EB-DEF-01',
          pointer: `${s.pointer}/schedule/available`,
          message: 'the offer does not state its run length (duration)',
          params: { member: 'duration' },
        });
      }
      // What it gives is stated: a compute resource with its cores and memory, asked for or the broker's default.
      const compute = s.scope.compute;
      if (!compute) {
        ctx.report({
          requirement: 'EB-DEF-03',
          pointer: s.pointer,
          message:
            'the offer states no compute resource; with none requested the broker applies its default, and states it with the cores and memory it gives',
          params: { member: 'compute' },
        });
      } else {
        const missing = ['cores', 'memory'].filter((m) => compute.value[m] === undefined);
        if (missing.length > 0)
          ctx.report({
            requirement: 'EB-DEF-03',
            pointer: compute.pointer,
            message: `the offer's compute does not state the ${missing.join(' and ')} it gives`,
            params: { member: missing[0]!, members: missing },
          });
      }
      for (const v of s.scope.volumes) {
        const missing = ['mode', 'path'].filter((m) => v.value[m] === undefined);
        if (missing.length === 0) continue;
        ctx.report({
          requirement: 'EB-DEF-04',
          pointer: v.pointer,
          message: `the offer does not state the ${missing.join(' and ')} it mounts the volume with`,
          params: { members: missing },
        });
      }
    }
  },
});
