import { defineRule } from '../../rule.js';
import { isList, isObject } from '../../../util/index.js';
import { ACTIVE_PHASES, FINAL_PHASES } from '../../../model/index.js';

const OFFERED = ['ACCEPTED', 'REJECTED'];
const ACTIVE: ReadonlySet<string> = new Set(ACTIVE_PHASES);
/** Phases that offer no phase change: releasing, and the final ones. */
const CLOSED: ReadonlySet<string> = new Set(['RELEASING', ...FINAL_PHASES]);

function isPhasePath(p: unknown): boolean {
  return p === 'phase' || p === '/phase';
}

/** The phase options a session advertises follow from its phase (EB-UPD-03/04, EB-LIFE-07). */
export default defineRule({
  slug: 'options-phase',
  requirements: ['EB-UPD-03', 'EB-UPD-04', 'EB-LIFE-07'],
  appliesTo: ['offerset', 'session'],
  check(ctx) {
    for (const s of ctx.nodes.sessions) {
      const phase = s.value.phase;
      if (typeof phase !== 'string') continue;
      const meta = isObject(s.value.meta) ? s.value.meta : undefined;
      const options = meta && isList(meta.options) ? meta.options : [];
      const values = new Set<string>();
      let any = false;
      for (let i = 0; i < options.length; i++) {
        const o = options[i];
        if (!isObject(o) || !isPhasePath(o.path)) continue;
        any = true;
        const list = Array.isArray(o.values) ? o.values : [];
        const pointer = `${s.pointer}/meta/options/${i}`;
        for (let j = 0; j < list.length; j++) {
          const v: unknown = list[j];
          if (typeof v !== 'string') continue;
          values.add(v);
          if (phase === 'OFFERED' && !OFFERED.includes(v)) {
            ctx.report({
              requirement: 'EB-UPD-03',
              pointer: `${pointer}/values/${j}`,
              message: `an OFFERED session may only offer the phases ACCEPTED and REJECTED, found ${v}`,
              params: { phase, value: v },
            });
          } else if (ACTIVE.has(phase) && v !== 'CANCELLED') {
            ctx.report({
              requirement: 'EB-UPD-04',
              pointer: `${pointer}/values/${j}`,
              message: `the session is ${phase}, so the only phase it may offer is CANCELLED, found ${v}`,
              params: { phase, value: v },
            });
          }
        }
        if (CLOSED.has(phase)) {
          ctx.report({
            requirement: 'EB-LIFE-07',
            pointer,
            message: `the session is ${phase}, so it must advertise no phase option, found one`,
            params: { phase },
          });
        }
      }
      const missing =
        phase === 'OFFERED'
          ? OFFERED.filter((v) => !values.has(v))
          : ACTIVE.has(phase) && !values.has('CANCELLED')
            ? ['CANCELLED']
            : [];
      if (missing.length > 0) {
        ctx.report({
          requirement: phase === 'OFFERED' ? 'EB-UPD-03' : 'EB-LIFE-07',
          pointer: meta ? `${s.pointer}/meta` : s.pointer,
          message: any
            ? `the session is ${phase}, so it must advertise a phase option with ${missing.join(' and ')}`
            : `the session is ${phase} and advertises no phase option in meta.options; its owner must be offered ${missing.join(' and ')}, but a reader who may not change it can be shown none (EB-UPD-02)`,
          params: { member: 'options', phase, missing },
          // Options may depend on who asks (EB-UPD-02) and a document does not say who asked: with no phase option
          // at all it may be another caller's view (the Java reference broker's GETs are public), so it is not
          // proof of a fault. The conformance suite reads as the owner and judges the absence there.
          ...(any ? {} : { lower: 'warning' as const }),
        });
      }
    }
  },
});
