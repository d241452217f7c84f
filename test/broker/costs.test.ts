import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { ConfigError, resolveConfig, startBroker, type RunningBroker } from '../../src/broker/index.js';
import { KINDS } from '../../src/model/index.js';
import { validate, validateBytes } from '../../src/validate/index.js';
import { compareOffers, summarizeOffer } from '../../src/client/offers.js';

type Obj = Record<string, unknown>;
const MONETARY = 'urn:ivoa:calycopis:cost:monetary';
const SPEED = 'urn:ivoa:calycopis:metric:compute-performance';

async function offers(b: RunningBroker, accept = 'application/json'): Promise<{ text: string; value?: Obj }> {
  const res = await fetch(`${b.url}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify(executionRequest()),
    redirect: 'manual',
  });
  const text = await res.text();
  return accept === 'application/json' ? { text, value: JSON.parse(text) as Obj } : { text };
}

describe('costs and metrics a reference broker quotes (config costs, metrics)', () => {
  let cheap: RunningBroker;
  let dear: RunningBroker;
  beforeAll(async () => {
    const metrics = [{ type: SPEED, min: 12, max: 12, description: 'GFLOPS per core' }];
    cheap = await startBroker({
      db: ':memory:',
      config: { costs: [{ type: MONETARY, perCoreHour: 0.5, fixed: 1, description: 'EUR' }], metrics },
    });
    // The short forms a config file takes type-check in code too: a cost without `fixed`, a metric as one value.
    dear = await startBroker({
      db: ':memory:',
      config: { costs: [{ type: MONETARY, perCoreHour: 2 }], metrics: [{ type: SPEED, value: 3 }] },
    });
  });
  afterAll(async () => {
    await Promise.all([cheap?.close(), dear?.close()]);
  });

  it('quotes fixed + rate × offered cores × hours on each offer, with the metric, as a valid offer set', async () => {
    const { value } = await offers(cheap);
    const list = value!.offers as Obj[];
    expect(list.length).toBeGreaterThan(0);
    for (const o of list) {
      const cores = Number((((o.compute as Obj).cores as Obj).min as number) ?? NaN);
      const hours = 1; // the fixture asks for no duration: the platform's default PT1H
      expect((o.schedule as { available: { duration: string } }).available.duration).toBe('PT1H');
      expect(o.costs).toEqual([
        {
          kind: KINDS.SimpleMinMaxFloatCost,
          type: MONETARY,
          description: 'EUR',
          min: 1 + 0.5 * cores * hours,
          max: 1 + 0.5 * cores * hours,
        },
      ]);
      expect(o.metrics).toEqual([
        { kind: KINDS.SimpleMinMaxFloatMetric, type: SPEED, description: 'GFLOPS per core', min: 12, max: 12 },
      ]);
    }
    expect(validate(value, { type: 'offerset' }).valid).toBe(true);
  });

  it('writes the quote in XML and YAML too, and both validate', async () => {
    for (const accept of ['application/xml', 'application/yaml']) {
      const { text } = await offers(cheap, accept);
      expect(text).toContain(MONETARY);
      const v = await validateBytes(Buffer.from(text), { type: 'offerset', mediaType: accept });
      expect(v.findings.filter((f) => f.level === 'error')).toEqual([]);
    }
  });

  it('ranks the offers of two brokers by their quoted cost', async () => {
    const all = [...((await offers(dear)).value!.offers as Obj[]), ...((await offers(cheap)).value!.offers as Obj[])];
    const ranked = all.map((o) => ({ o, s: summarizeOffer(o) })).sort((a, b) => compareOffers('cost')(a.s, b.s));
    const costs = ranked.map((r) => Number(((r.o.costs as Obj[])[0]!.max as number) ?? NaN));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(costs[0]).toBeLessThan(costs.at(-1)!);
  });

  it('refuses a malformed quote in the config, naming the entry', () => {
    const bad = (config: Obj) => () => resolveConfig(config);
    expect(bad({ costs: [{ type: 'monetary', perCoreHour: 1 }] })).toThrow('costs[0].type must be a URI');
    expect(bad({ costs: [{ type: MONETARY }] })).toThrow('costs[0] needs fixed, perCoreHour or both');
    expect(bad({ costs: [{ type: MONETARY, fixed: -1 }] })).toThrow('costs[0].fixed must be a number ≥ 0');
    expect(bad({ costs: [{ type: MONETARY, fixed: 1, currency: 'EUR' }] })).toThrow('costs[0]: unknown key "currency"');
    expect(bad({ metrics: [{ type: SPEED, min: 5, max: 2 }] })).toThrow('metrics[0]: min 5 is greater than max 2');
    expect(bad({ metrics: [{ type: SPEED }] })).toThrow('metrics[0] needs value, or min and max');
    expect(bad({ metrics: [{ type: SPEED, value: 5, min: 1 }] })).toThrow(
      'metrics[0]: give value, or min and max, not both',
    );
    expect(bad({ metrics: {} })).toThrow(ConfigError);
    // As a config file writes them: one value for a metric, a cost without a fixed part.
    expect(
      resolveConfig({ metrics: [{ type: SPEED, value: 3 }], costs: [{ type: MONETARY, perCoreHour: 1 }] }),
    ).toMatchObject({
      metrics: [{ type: SPEED, min: 3, max: 3 }],
      costs: [{ type: MONETARY, fixed: 0, perCoreHour: 1 }],
    });
  });
});
