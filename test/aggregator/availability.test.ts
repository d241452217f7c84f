/**
 * An aggregator's availability is its store's and its brokers' (EB-VOSI-06): with every lower broker away it can
 * offer nothing, so it says false and names them; once one answers again, true.
 */
import { describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { createBroker, startBroker } from '../../src/broker/index.js';
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

  it("stays true when a broker slower than a client's Prefer: wait is cut short by it (only its own timeout says it is away)", async () => {
    const slow = createBroker({ db: ':memory:' });
    slow.app.addHook('onRequest', async (req) => {
      if (req.method === 'POST') await new Promise((r) => setTimeout(r, 1_500));
    });
    const url = await slow.listen({ port: 0, host: '127.0.0.1' });
    const agg = await aggregatorOver([{ name: 'slow', url }], { config: { upstreamTimeout: 5 } });
    try {
      const res = await fetch(`${agg.url}/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', prefer: 'wait=1' },
        body: JSON.stringify(executionRequest()),
        redirect: 'manual',
      });
      const set = (await res.json()) as { result: string };
      expect(set.result).toBe('NO'); // cut short at the client's wait: the broker's offers did not arrive in time
      expect((await availability(agg.url)).available).toBe('true');
    } finally {
      await agg.close();
      await slow.close();
    }
  });
});
