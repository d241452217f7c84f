/**
 * The comparison of many brokers' offers, as a plain value (for JSON and YAML) and as a text table: broker,
 * offer, start, duration, cores, memory, one column per cost and metric type found in any offer, expiry.
 */
import { MONETARY_COST, metricValue, totalCost, type QuotedItem, type RankBy } from './offers.js';
import { displayUrl } from './credentials.js';
import { oneLine } from './exchange.js';
import type { BrokerAnswer, OfferRow, OffersResult } from './many.js';

/** The cost and metric types of a set of offers, each sorted, with the column header each gets. */
export interface OfferColumns {
  costs: { type: string; header: string }[];
  metrics: { type: string; header: string }[];
}

/**
 * A short header for a type URI: its last two `:`-separated parts (`urn:ivoa:calycopis:cost:monetary` →
 * `cost:monetary`) or its last path segment; the whole type when the short form would be ambiguous.
 */
function shortTypes(types: readonly string[]): Map<string, string> {
  const short = (t: string): string => {
    const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(t)
      ? t
          .replace(/[?#].*$/, '')
          .split('/')
          .filter(Boolean)
          .at(-1)
      : undefined;
    if (path) return path.replace(/\.(ya?ml|json)$/, '');
    const parts = t.split(':');
    return parts.length > 2 ? parts.slice(-2).join(':') : t;
  };
  const counts = new Map<string, number>();
  for (const t of types) counts.set(short(t), (counts.get(short(t)) ?? 0) + 1);
  return new Map(types.map((t) => [t, counts.get(short(t))! > 1 ? t : short(t)]));
}

export function columnsOf(offers: readonly OfferRow[]): OfferColumns {
  const costTypes = [...new Set(offers.flatMap((o) => o.summary.costs.map((c) => c.type)))].sort();
  const metricTypes = [...new Set(offers.flatMap((o) => o.summary.metrics.map((m) => m.type)))].sort();
  const names = shortTypes([...costTypes, ...metricTypes]);
  return {
    costs: costTypes.map((type) => ({ type, header: names.get(type)! })),
    metrics: metricTypes.map((type) => ({ type, header: names.get(type)! })),
  };
}

/** Resolves what a user typed for a metric (its type, or the column header shown) to the metric type. */
export function resolveMetric(offers: readonly OfferRow[], text: string): string | undefined {
  return metricColumn(columnsOf(offers), text)?.type;
}

const metricColumn = (columns: OfferColumns, text: string) =>
  matchColumn(columns.metrics, text) ?? tailMatch(columns, text, 'metric');

/**
 * Resolves a cost or metric type (or its column header, or the last part of either when only one column ends so:
 * `compute-performance` for `metric:compute-performance`) to a ranking: a cost type ranks lowest first (money as
 * `cost` does), a metric highest first; undefined when no offer quotes it.
 */
export function resolveRanking(offers: readonly OfferRow[], text: string): RankBy | undefined {
  const columns = columnsOf(offers);
  const cost =
    matchColumn(columns.costs, text) ??
    (matchColumn(columns.metrics, text) ? undefined : tailMatch(columns, text, 'cost'));
  if (cost !== undefined) return cost.type === MONETARY_COST ? 'cost' : { cost: cost.type };
  const metric = metricColumn(columns, text)?.type;
  return metric === undefined ? undefined : { metric };
}

function matchColumn<C extends { type: string; header: string }>(columns: readonly C[], text: string): C | undefined {
  return columns.find((c) => c.type === text) ?? columns.find((c) => c.header === text);
}

/** The one cost or metric column whose type ends in `:text` or `/text` (any case), when it is of `want`'s kind. */
function tailMatch(
  { costs, metrics }: OfferColumns,
  text: string,
  want: 'cost' | 'metric',
): { type: string; header: string } | undefined {
  const tail = text.toLowerCase();
  const ends = (c: { type: string }): boolean => {
    const t = c.type.toLowerCase().replace(/\.(ya?ml|json)$/, '');
    return t.endsWith(`:${tail}`) || t.endsWith(`/${tail}`);
  };
  const all = [
    ...costs.filter(ends).map((c) => ({ c, kind: 'cost' })),
    ...metrics.filter(ends).map((c) => ({ c, kind: 'metric' })),
  ];
  const [only] = all;
  return all.length === 1 && only && only.kind === want ? only.c : undefined;
}

const range = (items: readonly QuotedItem[], type: string): string => {
  const item = items.find((i) => i.type === type);
  if (!item || (item.min === undefined && item.max === undefined)) return '';
  if (item.min === undefined || item.max === undefined || item.min === item.max) return String(item.max ?? item.min);
  return `${item.min}..${item.max}`;
};

/**
 * The offer's URL shortened for a table: its path with a long last segment (a UUID) cut to its last 8 characters.
 * The last, not the first: a UUIDv7 begins with its timestamp, the same for every offer made in one minute.
 */
export function shortOfferUrl(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return oneLine(url, 40);
  }
  const parts = path.split('/');
  const last = parts.pop() ?? '';
  return oneLine([...parts, last.length > 12 ? last.slice(-8) : last].join('/'), 40);
}

/** The broker column: who answered, and who made the offer when an aggregator passed it on (`agg/west`). */
export const brokerOf = (o: OfferRow): string =>
  oneLine(
    o.summary.offeredBy && o.summary.offeredBy !== o.broker ? `${o.broker}/${o.summary.offeredBy}` : o.broker,
    40,
  );

/** What `--format json|yaml` prints: every broker's answer and every offer, in table order. */
export function offersValue(result: OffersResult): Record<string, unknown> {
  return {
    brokers: result.answers.map(answerValue),
    offers: result.offers.map((o) => {
      const s = o.summary;
      const cost = totalCost(s);
      return {
        broker: o.broker,
        ...(s.offeredBy !== undefined ? { offeredBy: s.offeredBy } : {}),
        url: o.url,
        offerSet: o.offerSet,
        ...(s.phase !== undefined ? { phase: s.phase } : {}),
        ...(s.start !== undefined ? { start: s.start } : {}),
        ...(s.duration !== undefined ? { duration: s.duration } : {}),
        ...(s.cores !== undefined ? { cores: s.cores } : {}),
        ...(s.memory !== undefined ? { memory: s.memory } : {}),
        costs: s.costs,
        ...(cost !== undefined ? { totalCost: cost } : {}),
        metrics: s.metrics,
        ...(s.expires !== undefined ? { expires: s.expires } : {}),
      };
    }),
  };
}

export function answerValue(a: BrokerAnswer): Record<string, unknown> {
  const base = { broker: a.broker, url: displayUrl(a.url) };
  return a.ok
    ? { ...base, ok: true, offerSet: a.offerSet, offers: a.offers.length, notes: a.notes }
    : { ...base, ok: false, kind: a.kind, reason: a.reason };
}

/** One line per broker that gave no offer, naming it and why; notes of the others after. */
export function answerLines(result: OffersResult): string[] {
  const lines: string[] = [];
  for (const a of result.answers) {
    if (!a.ok) lines.push(`${a.broker} (${displayUrl(a.url)}) ${a.reason}`);
    else for (const n of a.notes) lines.push(`${a.broker} (${displayUrl(a.url)}) noted: ${n}`);
  }
  return lines;
}

/** The text table; columns padded, numbers right-aligned. */
export function offersTable(result: OffersResult): string {
  const cols = columnsOf(result.offers);
  const header = [
    'broker',
    'offer',
    'start',
    'duration',
    'cores',
    // The standard states sizes in GiB (EB-DM-03) and documents do not write it: the header does.
    'memory GiB',
    ...cols.costs.map((c) => c.header),
    ...cols.metrics.map((m) => m.header),
    'expires',
  ];
  const numeric = new Set([4, 5, ...header.map((_, i) => i).filter((i) => i >= 6 && i < header.length - 1)]);
  const rows = result.offers.map((o) => {
    const s = o.summary;
    return [
      brokerOf(o),
      shortOfferUrl(o.url),
      oneLine(s.start ?? '', 40),
      oneLine(s.duration ?? '', 20),
      s.cores === undefined ? '' : String(s.cores),
      s.memory === undefined ? '' : String(s.memory),
      ...cols.costs.map((c) => range(s.costs, c.type)),
      ...cols.metrics.map((m) => (metricValue(s, m.type) === undefined ? '' : range(s.metrics, m.type))),
      oneLine(s.expires ?? '', 40),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
