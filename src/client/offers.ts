/**
 * Reading offers for comparison: one flat summary per offer (start, duration, cores, memory, costs, metrics,
 * expiry), and the ranking the aggregator's `--best N` and the client's `--sort`/`--pick` share.
 */
import { FEDERATION_MESSAGE_KINDS, offeredByItem } from '../model/index.js';
import { isObject } from '../util/index.js';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** One cost or metric item: what it measures (`type`, else its kind) and its range. */
export interface QuotedItem {
  type: string;
  min?: number;
  max?: number;
}

export interface OfferSummary {
  url?: string;
  uuid?: string;
  phase?: string;
  /** The offered start instant (a zero-length interval's start), as written. */
  start?: string;
  startMs?: number;
  duration?: string;
  cores?: number;
  memory?: number;
  expires?: string;
  costs: QuotedItem[];
  metrics: QuotedItem[];
  /** Broker named by an aggregator's `urn:ebkit:federation:offered-by` message, if any. */
  offeredBy?: string;
}

export const OFFERED_BY = FEDERATION_MESSAGE_KINDS.offeredBy;

function items(v: unknown): QuotedItem[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).map((c) => {
    const out: QuotedItem = { type: str(c.type) ?? str(c.kind) ?? 'unknown' };
    const min = num(c.min);
    const max = num(c.max);
    if (min !== undefined) out.min = min;
    if (max !== undefined) out.max = max;
    return out;
  });
}

const amount = (r: { min?: number; max?: number } | undefined): number | undefined =>
  r ? (r.min ?? r.max) : undefined;

/** The comparable facts of an offer (a session document); missing parts stay undefined. */
export function summarizeOffer(doc: unknown): OfferSummary {
  const o = isObject(doc) ? doc : {};
  const meta = isObject(o.meta) ? o.meta : {};
  const compute = isObject(o.compute) ? o.compute : {};
  const schedule = isObject(o.schedule) ? o.schedule : {};
  const available = isObject(schedule.available) ? schedule.available : {};
  const out: OfferSummary = { costs: items(o.costs), metrics: items(o.metrics) };
  const set = <K extends keyof OfferSummary>(k: K, v: OfferSummary[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  set('url', str(meta.url));
  set('uuid', str(meta.uuid));
  set('phase', str(o.phase));
  const start = str(available.start)?.split('/')[0];
  set('start', start);
  if (start !== undefined && Number.isFinite(Date.parse(start))) out.startMs = Date.parse(start);
  set('duration', str(available.duration));
  set('cores', amount(isObject(compute.cores) ? (compute.cores as { min?: number; max?: number }) : undefined));
  set('memory', amount(isObject(compute.memory) ? (compute.memory as { min?: number; max?: number }) : undefined));
  set('expires', str(o.expires));
  const by = offeredByItem(o);
  if (isObject(by) && isObject(by.values)) set('offeredBy', str(by.values.broker));
  return out;
}

/** The cost type the working group's brokers quote money in: what `cost` and `cheapest` rank by. */
export const MONETARY_COST = 'urn:ivoa:calycopis:cost:monetary';

/**
 * What one would pay at most in one cost type (money unless `type` names another): the sum of the max (else min) of
 * the offer's items of that type; undefined when it quotes none. Costs of different types (money, kWh, gCO2) are
 * never added together.
 */
export function totalCost(s: OfferSummary, type: string = MONETARY_COST): number | undefined {
  const parts = s.costs
    .filter((c) => c.type === type)
    .map((c) => c.max ?? c.min)
    .filter((v): v is number => v !== undefined);
  return parts.length > 0 ? parts.reduce((a, b) => a + b, 0) : undefined;
}

/** The offer's figure for a metric type (max, else min). */
export function metricValue(s: OfferSummary, type: string): number | undefined {
  const m = s.metrics.find((x) => x.type === type);
  return m ? (m.max ?? m.min) : undefined;
}

/**
 * How to order offers: cheapest (in money) first, earliest first, lowest of another cost type first (energy,
 * carbon), or highest figure of a metric type first.
 */
export type RankBy = 'cost' | 'start' | { metric: string } | { cost: string };

/**
 * The ranking policy (EB-FED-02): by the chosen key (`cost`: lowest total of the monetary cost items; `start`:
 * earliest; another cost type: its lowest total; a metric: highest), then by cost and start, then more cores, then
 * the broker's own order. Offers lacking the key come after those that have it. Stable, so equal offers keep the
 * order the broker gave them.
 */
export function compareOffers(by: RankBy): (a: OfferSummary, b: OfferSummary) => number {
  const key = (s: OfferSummary, k: RankBy): number | undefined => {
    if (k === 'cost') return totalCost(s);
    if (k === 'start') return s.startMs;
    if ('cost' in k) return totalCost(s, k.cost);
    const v = metricValue(s, k.metric);
    return v === undefined ? undefined : -v;
  };
  const cmp = (x: number | undefined, y: number | undefined): number =>
    x === y ? 0 : x === undefined ? 1 : y === undefined ? -1 : x - y;
  const order: RankBy[] =
    by === 'start' ? ['start', 'cost'] : by === 'cost' ? ['cost', 'start'] : [by, 'cost', 'start'];
  return (a, b) => {
    for (const k of order) {
      const c = cmp(key(a, k), key(b, k));
      if (c !== 0) return c;
    }
    return (b.cores ?? 0) - (a.cores ?? 0);
  };
}

/** Parses `cost`, `cheapest`, `start`, `earliest` or a metric type into a ranking. */
export function rankByOf(text: string): RankBy {
  if (text === 'cost' || text === 'cheapest') return 'cost';
  if (text === 'start' || text === 'earliest') return 'start';
  return { metric: text };
}
