import { asArray, get, isDoc } from './context.js';
import type { Doc } from './context.js';
import { durationMs } from './time.js';

/**
 * Disjoint probe ranges (cores 2–4, memory 5–8), so a broker that copies one quantity into the other (the
 * upstream broker reports memory equal to cores) cannot meet both: cores within their range are always below the
 * memory minimum. Memory is in GiB, the schema's default unit.
 */
export const MINIMUM_PROBE = { cores: { min: 2, max: 4 }, memory: { min: 5, max: 8 }, duration: 'PT10M' } as const;
/** Maxima below the other quantity's minimum: memory copied from cores (≥ 3) exceeds the memory maximum (2). */
export const MAXIMUM_PROBE = { cores: { min: 3, max: 4 }, memory: { min: 1, max: 2 } } as const;

/**
 * The run time an offer grants: `schedule.available.duration` of the session, else of a component that carries
 * its own schedule (spec/03 §3.6 lets a broker schedule on components). Undefined when no schedule states one.
 */
export function offeredDuration(offer: unknown): { text: string; ms: number; where: string } | undefined {
  const places: [string, unknown][] = [['schedule', get(offer, 'schedule')]];
  for (const key of ['executable', 'compute', 'storage', 'data', 'volumes']) {
    const v = get(offer, key);
    for (const [i, c] of (Array.isArray(v) ? v : [v]).entries())
      if (isDoc(c)) places.push([`${key}${Array.isArray(v) ? `[${i}]` : ''}.schedule`, c['schedule']]);
  }
  for (const [where, schedule] of places) {
    const text = get(schedule, 'available', 'duration');
    const ms = durationMs(text);
    if (typeof text === 'string' && ms !== undefined) return { text, ms, where };
  }
  return undefined;
}

/** Components of a request or offer by `meta.name`: `key` is where it sits (executable, compute, storage…). */
export function namedComponents(doc: unknown): Map<string, { key: string; kind: unknown; component: Doc }> {
  const out = new Map<string, { key: string; kind: unknown; component: Doc }>();
  for (const key of ['executable', 'compute', 'storage', 'data', 'volumes']) {
    const v = get(doc, key);
    for (const c of Array.isArray(v) ? v : asArray([v])) {
      const name = get(c, 'meta', 'name');
      if (isDoc(c) && typeof name === 'string') out.set(name, { key, kind: c['kind'], component: c });
    }
  }
  return out;
}
