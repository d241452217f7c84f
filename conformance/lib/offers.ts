import { asArray, get, isDoc } from './context.js';
import type { Doc } from './context.js';
import { instantMs, intervalMs } from './time.js';

export function offersOf(offerset: unknown): Doc[] {
  return asArray(get(offerset, 'offers')).filter(isDoc);
}

export function uuidOf(doc: unknown): string | undefined {
  const u = get(doc, 'meta', 'uuid');
  return typeof u === 'string' ? u : undefined;
}

/** The offered amount of a compute quantity: what the offer guarantees (its min, else its max). */
export function offered(offer: unknown, quantity: 'cores' | 'memory'): { min?: number; max?: number } | undefined {
  const q = get(offer, 'compute', quantity);
  if (!isDoc(q)) return undefined;
  const min = typeof q['min'] === 'number' ? q['min'] : undefined;
  const max = typeof q['max'] === 'number' ? q['max'] : undefined;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/**
 * Every schedule an offer carries, with where: the session's own (a scheduled session) and each component's
 * (executable, compute, storage, data all have a lifecycle schedule). The model allows either or both.
 */
export function schedulesOf(offer: unknown): { where: string; schedule: unknown }[] {
  const found: { where: string; schedule: unknown }[] = [];
  const add = (where: string, v: unknown) => {
    if (v !== undefined) found.push({ where, schedule: v });
  };
  add('schedule', get(offer, 'schedule'));
  add('executable.schedule', get(offer, 'executable', 'schedule'));
  add('compute.schedule', get(offer, 'compute', 'schedule'));
  for (const part of ['storage', 'data'] as const) {
    asArray(get(offer, part)).forEach((c, i) => add(`${part}[${i}].schedule`, get(c, 'schedule')));
  }
  return found;
}

/**
 * The offered start of an offer, parsed: the session's schedule.available.start, else the executable's (when
 * the run starts), else the compute resource's; `where` names the member it was read from.
 */
export function offeredStart(offer: unknown): { text: string; start: number; end: number; where: string } | undefined {
  const order = ['schedule', 'executable.schedule', 'compute.schedule'];
  const schedules = schedulesOf(offer).sort((a, b) => order.indexOf(a.where) - order.indexOf(b.where));
  for (const { where, schedule } of schedules) {
    if (!order.includes(where)) continue;
    const text = get(schedule, 'available', 'start');
    const w = intervalMs(text);
    if (w && typeof text === 'string') return { text, ...w, where: `${where}.available.start` };
  }
  return undefined;
}

export function label(offer: unknown, i: number): string {
  return `offer ${i + 1} (${uuidOf(offer) ?? 'no uuid'})`;
}

/**
 * True when an offer's `expires` has passed: reading it EXPIRED, or having an update on it refused, is then the
 * broker keeping its word (a slow broker or a short lifetime can let an offer lapse while a check works on it).
 */
export function lapsed(offer: unknown, now = Date.now()): boolean {
  const expires = instantMs(get(offer, 'expires'));
  return expires !== undefined && expires <= now;
}

/** A skip's words for an offer that lapsed while a check worked on it, naming its `expires` when it had one. */
export function expiredBefore(offer: unknown, what: string): string {
  const expires = get(offer, 'expires');
  return `precondition not met: the offer expired${typeof expires === 'string' ? ` (expires ${expires})` : ''} before ${what} reached the broker`;
}
