/**
 * An offer whose broker cannot be asked is shown as last seen, marked stale; once the offer's own expiry has
 * passed, that last state is EXPIRED with no options (EB-LIFE-01), not an OFFERED a client is invited to accept.
 */
import { describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { ManualClock, startBroker } from '../../src/broker/index.js';
import { startAggregator } from '../../src/aggregator/index.js';
import { call, messagesOf } from './helpers.js';

type Obj = Record<string, unknown>;

describe('an offer of a broker that is away', () => {
  it('is stale while it lasts, and EXPIRED (no options) once its own expiry has passed', async () => {
    const lower = await startBroker({ db: ':memory:' });
    const clock = new ManualClock();
    const agg = await startAggregator({
      db: ':memory:',
      clock,
      config: { upstreamTimeout: 1, brokers: [{ name: 'east', url: lower.url }] },
    });
    try {
      const set = await call(`${agg.url}/requests`, 'POST', executionRequest());
      const offer = (set.value.offers as Obj[])[0]!;
      const url = String((offer.meta as Obj).url);
      await lower.close();

      const away = await call(url);
      expect(away.value.phase).toBe('OFFERED');
      expect(messagesOf(away.value).map((m) => m.kind)).toContain('urn:ebkit:federation:stale');

      clock.advance(Date.parse(String(offer.expires)) - clock.now() + 1000);
      const lapsed = await call(url);
      expect(lapsed.value.phase).toBe('EXPIRED');
      expect((lapsed.value.meta as Obj).options).toBeUndefined();
      expect(messagesOf(lapsed.value).map((m) => m.kind)).toContain('urn:ebkit:federation:stale');
    } finally {
      await agg.close();
    }
  });
});
