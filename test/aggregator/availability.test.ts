/**
 * An aggregator's availability is its store's and its brokers' (EB-VOSI-06): with every lower broker away it can
 * offer nothing, so it says false and names them; once one answers again, true.
 */
import { describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { startBroker } from '../../src/broker/index.js';
import { aggregatorOver, call, freePort } from './helpers.js';

const availability = async (url: string): Promise<{ available: string; note: string }> => {
  const xml = await (await fetch(`${url}/availability`)).text();
  return {
    available: /<vosi:available>(\w+)<\/vosi:available>/.exec(xml)?.[1] ?? '',
    note: /<vosi:note>([^<]*)<\/vosi:note>/.exec(xml)?.[1] ?? '',
  };
};

describe("an aggregator's /availability", () => {
  it('is false, naming them, while no lower broker answers, and true once one does', async () => {
    const port = await freePort();
    const agg = await aggregatorOver([{ name: 'east', url: `http://127.0.0.1:${port}` }]);
    try {
      // Its capabilities were asked for at start, and nobody answered.
      expect(await availability(agg.url)).toEqual({
        available: 'false',
        note: 'no lower broker answers (east did not, last asked)',
      });
      const lower = await startBroker({ db: ':memory:', port });
      try {
        const res = await call(`${agg.url}/requests`, 'POST', executionRequest());
        expect(res.value.result).toBe('YES');
        expect(await availability(agg.url)).toEqual({ available: 'true', note: 'accepting execution requests' });
      } finally {
        await lower.close();
      }
    } finally {
      await agg.close();
    }
  });

  it('stays true while one of its brokers answers', async () => {
    const lower = await startBroker({ db: ':memory:' });
    const agg = await aggregatorOver([
      { name: 'east', url: lower.url },
      { name: 'gone', url: `http://127.0.0.1:${await freePort()}` },
    ]);
    try {
      expect((await availability(agg.url)).available).toBe('true');
    } finally {
      await agg.close();
      await lower.close();
    }
  });
});
