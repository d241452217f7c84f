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

/** The offered start window of an offer (schedule.available.start), parsed. */
export function offeredStart(offer: unknown): { text: string; start: number; end: number } | undefined {
  const text = get(offer, 'schedule', 'available', 'start');
  const w = intervalMs(text);
  return w && typeof text === 'string' ? { text, ...w } : undefined;
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
