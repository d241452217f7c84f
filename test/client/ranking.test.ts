import { describe, expect, it } from 'vitest';
import {
  compareOffers,
  MONETARY_COST,
  resolveRanking,
  summarizeOffer,
  totalCost,
  type OfferRow,
} from '../../src/client/index.js';
import { COST } from './helpers.js';

const ENERGY = 'urn:ivoa:calycopis:cost:energy';

/** An offer quoting the given costs (type → max) and cores. */
const offer = (name: string, costs: Record<string, number>, cores = 1) =>
  summarizeOffer({
    meta: { url: `http://b.example/sessions/${name}` },
    phase: 'OFFERED',
    compute: { cores: { min: cores, max: cores } },
    costs: Object.entries(costs).map(([type, max]) => ({ kind: COST, type, max })),
  });

const names = (xs: ReturnType<typeof offer>[]) => xs.map((s) => s.url?.split('/').pop());

describe('ranking offers by cost (EB-FED-02)', () => {
  it('never adds costs of different types: money and kWh are not one total', () => {
    const s = offer('a', { [MONETARY_COST]: 3, [ENERGY]: 40 });
    expect(totalCost(s)).toBe(3);
    expect(totalCost(s, ENERGY)).toBe(40);
    expect(totalCost(offer('b', { [ENERGY]: 40 }))).toBeUndefined();
  });

  it('cheapest is by money: an offer quoting only energy is not the cheapest', () => {
    const money = offer('money', { [MONETARY_COST]: 5 });
    const energyOnly = offer('energy-only', { [ENERGY]: 1 });
    const both = offer('both', { [MONETARY_COST]: 4, [ENERGY]: 100 });
    expect(names([energyOnly, money, both].sort(compareOffers('cost')))).toEqual(['both', 'money', 'energy-only']);
  });

  it('another cost type ranks lowest first, money breaking ties', () => {
    const a = offer('a', { [ENERGY]: 10, [MONETARY_COST]: 9 });
    const b = offer('b', { [ENERGY]: 10, [MONETARY_COST]: 2 });
    const c = offer('c', { [ENERGY]: 3 });
    const d = offer('d', { [MONETARY_COST]: 1 });
    expect(names([a, b, c, d].sort(compareOffers({ cost: ENERGY })))).toEqual(['c', 'b', 'a', 'd']);
  });

  it('a cost type or its column header resolves to a cost ranking, money to `cost`', () => {
    const rows = [offer('a', { [MONETARY_COST]: 1, [ENERGY]: 2 })].map((summary): OfferRow => ({
      broker: 'b',
      url: summary.url!,
      offerSet: 'x',
      summary,
      document: {},
    }));
    expect(resolveRanking(rows, 'cost:energy')).toEqual({ cost: ENERGY });
    expect(resolveRanking(rows, ENERGY)).toEqual({ cost: ENERGY });
    expect(resolveRanking(rows, 'cost:monetary')).toBe('cost');
    expect(resolveRanking(rows, 'cost:carbon')).toBeUndefined();
  });
});

describe('naming a column by the last part of its type', () => {
  const PERF = 'urn:ivoa:calycopis:metric:compute-performance';
  const ENERGY_METRIC = 'urn:ivoa:calycopis:metric:energy';
  const rows = (metrics: string[]): OfferRow[] =>
    [offer('a', { [MONETARY_COST]: 1, [ENERGY]: 2 })].map((s) => {
      const summary = { ...s, metrics: metrics.map((type) => ({ type, min: 3, max: 3 })) };
      return { broker: 'b', url: summary.url!, offerSet: 'x', summary, document: {} };
    });

  it('finds the one cost or metric whose type ends so, in any case', () => {
    expect(resolveRanking(rows([PERF]), 'compute-performance')).toEqual({ metric: PERF });
    expect(resolveRanking(rows([PERF]), 'Compute-Performance')).toEqual({ metric: PERF });
    expect(resolveRanking(rows([PERF]), 'monetary')).toBe('cost');
    expect(resolveRanking(rows([PERF]), 'energy')).toEqual({ cost: ENERGY });
    expect(resolveRanking(rows([PERF]), 'performance')).toBeUndefined();
  });

  it('refuses a last part that two columns share (cost:energy and metric:energy), but takes the header', () => {
    expect(resolveRanking(rows([ENERGY_METRIC]), 'energy')).toBeUndefined();
    expect(resolveRanking(rows([ENERGY_METRIC]), 'metric:energy')).toEqual({ metric: ENERGY_METRIC });
    expect(resolveRanking(rows([ENERGY_METRIC]), 'cost:energy')).toEqual({ cost: ENERGY });
  });
});
