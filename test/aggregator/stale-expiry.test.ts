/**
 * An offer whose broker cannot be asked is shown as last seen, marked stale; once the offer's own expiry has
 * passed, that last state is EXPIRED with no options (EB-LIFE-01), not an OFFERED a client is invited to accept.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executionRequest, startWindow } from '../../conformance/lib/fixtures.js';
import { ManualClock, startBroker } from '../../src/broker/index.js';
import { startAggregator } from '../../src/aggregator/index.js';
import { accept, call, messagesOf } from './helpers.js';

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
      expect(lapsed.value.expires).toBeUndefined(); // only OFFERED carries it (EB-SCH-06)
      expect(messagesOf(lapsed.value).map((m) => m.kind)).toContain('urn:ebkit:federation:stale');
    } finally {
      await agg.close();
    }
  });

  it('of a broker no longer configured (restarted without it) offers no update, as every update is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-unconfigured-'));
    const db = join(dir, 'agg.db');
    const east = await startBroker({ db: ':memory:' });
    const west = await startBroker({ db: ':memory:' });
    const brokers = [
      { name: 'east', url: east.url },
      { name: 'west', url: west.url },
    ];
    let agg = await startAggregator({ db, config: { upstreamTimeout: 1, brokers } });
    try {
      const set = await call(`${agg.url}/requests`, 'POST', executionRequest());
      const url = String(
        ((set.value.offers as Obj[]).find((o) => messagesOf(o).some((m) => m.values?.broker === 'west'))!.meta as Obj)
          .url,
      );
      await agg.close();
      agg = await startAggregator({
        db,
        port: Number(new URL(url).port),
        config: { upstreamTimeout: 1, brokers: brokers.slice(0, 1) },
      });
      const shown = await call(url);
      expect(messagesOf(shown.value).map((m) => m.kind)).toContain('urn:ebkit:federation:stale');
      expect((shown.value.meta as Obj).options).toBeUndefined();
      const update = await call(url, 'POST', { kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' });
      expect(update.status).toBe(409);
    } finally {
      await agg.close();
      await Promise.all([east.close(), west.close()]);
    }
  });
});

describe('the siblings of an accepted offer at its own broker', () => {
  it('are kept as that broker withdrew them: REJECTED, even once it cannot be asked', async () => {
    const lower = await startBroker({ db: ':memory:' });
    const agg = await startAggregator({
      db: ':memory:',
      config: { upstreamTimeout: 1, best: 3, brokers: [{ name: 'east', url: lower.url }] },
    });
    try {
      const set = await call(`${agg.url}/requests`, 'POST', executionRequest({ start: startWindow(1, 6, Date.now()) }));
      const offers = set.value.offers as Obj[];
      expect(offers.length).toBeGreaterThan(1);
      const accepted = await call(String((offers[0]!.meta as Obj).url), 'POST', accept('ACCEPTED'));
      expect(accepted.status).toBe(200);
      await lower.close();
      const seen = await call(String((set.value.meta as Obj).url));
      const phases = (seen.value.offers as Obj[]).map((o) => o.phase);
      expect(phases.slice(1)).toEqual(offers.slice(1).map(() => 'REJECTED'));
    } finally {
      await agg.close();
      await lower.close();
    }
  });
});
